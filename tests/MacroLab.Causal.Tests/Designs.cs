namespace MacroLab.Causal.Tests;

/// <summary>
/// Synthetic CATE designs, Y = b(X) + (W - 0.5) tau(X) + sigma N(0, 1), W ~ Bernoulli(e(X)):
/// <list type="bullet">
/// <item>A-D: Nie and Wager (2021) as in CausalML's synthetic_data.</item>
/// <item>R (rare treatment, complex control outcome, simple effect; the X-Learner's case in Kunzel et al. 2019, section 4):
/// X ~ U[0, 1]^d, e = 0.05, the control outcome is Friedman's (1991) function
/// 10 sin(pi x1 x2) + 20 (x3 - 0.5)^2 + 10 x4 + 5 x5 and the effect is 1 + 2 x1.</item>
/// <item>L (everything linear, balanced): X ~ N(0, 1)^d, e = 0.5, control outcome x1 + x2 - x3, effect 1 + x1 - x2.</item>
/// </list>
/// </summary>
internal static class Designs
{
    public sealed record Sample(double[,] X, int[] W, double[] Y, double[] Tau);

    public static Sample Generate(char setup, int n, int d, double sigma, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        var w = new int[n];
        var y = new double[n];
        var tau = new double[n];
        for (int i = 0; i < n; i++)
        {
            var row = new double[d];
            for (int j = 0; j < d; j++)
            {
                row[j] = setup is 'A' or 'R' ? random.NextDouble() : Gaussian(random);
                x[i, j] = row[j];
            }

            (double b, double e, double t) = setup switch
            {
                'A' => (Math.Sin(Math.PI * row[0] * row[1]) + (2 * (row[2] - 0.5) * (row[2] - 0.5)) + row[3] + (0.5 * row[4]),
                        Math.Clamp(Math.Sin(Math.PI * row[0] * row[1]), 0.1, 0.9), (row[0] + row[1]) / 2),
                'B' => (Math.Max(Math.Max(0, row[0] + row[1]), row[2]) + Math.Max(0, row[3] + row[4]), 0.5, row[0] + Math.Log(1 + Math.Exp(row[1]))),
                'C' => (2 * Math.Log(1 + Math.Exp(row[0] + row[1] + row[2])), 1 / (1 + Math.Exp(row[1] + row[2])), 1.0),
                'D' => ((Math.Max(0, row[0] + row[1] + row[2]) + Math.Max(0, row[3] + row[4])) / 2, 1 / (1 + Math.Exp(-row[0]) + Math.Exp(-row[1])),
                        Math.Max(0, row[0] + row[1] + row[2]) - Math.Max(0, row[3] + row[4])),
                'R' => (Friedman(row) + ((1 + (2 * row[0])) / 2), 0.05, 1 + (2 * row[0])),
                'L' => (row[0] + row[1] - row[2] + ((1 + row[0] - row[1]) / 2), 0.5, 1 + row[0] - row[1]),
                _ => throw new ArgumentOutOfRangeException(nameof(setup)),
            };
            w[i] = random.NextDouble() < e ? 1 : 0;
            tau[i] = t;
            y[i] = b + ((w[i] - 0.5) * t) + (sigma * Gaussian(random));
        }

        return new Sample(x, w, y, tau);
    }

    /// <summary>Friedman's (1991) test function of the first five covariates.</summary>
    public static double Friedman(double[] x) =>
        (10 * Math.Sin(Math.PI * x[0] * x[1])) + (20 * (x[2] - 0.5) * (x[2] - 0.5)) + (10 * x[3]) + (5 * x[4]);

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static double Pehe(double[] estimate, double[] truth) =>
        Math.Sqrt(estimate.Zip(truth, (a, b) => (a - b) * (a - b)).Average());
}
