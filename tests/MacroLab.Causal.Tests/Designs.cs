namespace MacroLab.Causal.Tests;

/// <summary>
/// The synthetic designs of Nie and Wager (2021) as in CausalML's synthetic_data:
/// Y = b(X) + (W - 0.5) tau(X) + sigma N(0, 1), W ~ Bernoulli(e(X)).
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
                row[j] = setup == 'A' ? random.NextDouble() : Gaussian(random);
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
                _ => throw new ArgumentOutOfRangeException(nameof(setup)),
            };
            w[i] = random.NextDouble() < e ? 1 : 0;
            tau[i] = t;
            y[i] = b + ((w[i] - 0.5) * t) + (sigma * Gaussian(random));
        }

        return new Sample(x, w, y, tau);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static double Pehe(double[] estimate, double[] truth) =>
        Math.Sqrt(estimate.Zip(truth, (a, b) => (a - b) * (a - b)).Average());
}
