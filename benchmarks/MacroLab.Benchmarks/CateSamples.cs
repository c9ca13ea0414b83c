using MacroLab.Causal;

namespace MacroLab.Benchmarks;

/// <summary>Nie-Wager setup A widened to d covariates (the extra ones are noise), seeded.</summary>
internal static class CateSamples
{
    public static CateData SetupA(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        var w = new int[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                x[i, j] = random.NextDouble();
            }

            double b = Math.Sin(Math.PI * x[i, 0] * x[i, 1]) + (2 * (x[i, 2] - 0.5) * (x[i, 2] - 0.5)) + x[i, 3] + (0.5 * x[i, 4]);
            double e = Math.Clamp(Math.Sin(Math.PI * x[i, 0] * x[i, 1]), 0.1, 0.9), tau = (x[i, 0] + x[i, 1]) / 2;
            w[i] = random.NextDouble() < e ? 1 : 0;
            double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            y[i] = b + ((w[i] - 0.5) * tau) + noise;
        }

        return CateData.Create(x, w, y);
    }
}
