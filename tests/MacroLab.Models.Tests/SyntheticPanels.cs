namespace MacroLab.Models.Tests;

/// <summary>Synthetic panels with a known best tilt, and pure noise.</summary>
internal static class SyntheticPanels
{
    /// <summary>
    /// Features are iid N(0, 1); asset a's forward return is 0.02 x signal_a + noise x N(0, 1), where signal_a is
    /// tanh(x_a at the decision date) for <paramref name="sequence"/> false, or tanh of the mean of x_a over the last three
    /// dates for true (so only a model that reads the window can find it). Returns the panel and the signal.
    /// </summary>
    public static (TiltSamples Samples, double[] Signal) Known(int rows, int features, int assets, int lookback, double noise, int seed, bool sequence = false)
    {
        var random = new Random(seed);
        var x = new double[rows * features];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Gaussian(random);
        }

        var signal = new double[rows * assets];
        var targets = new double[rows * assets];
        for (int t = 0; t < rows; t++)
        {
            for (int a = 0; a < assets; a++)
            {
                double driver = x[(t * features) + a];
                if (sequence)
                {
                    driver = 0;
                    for (int j = 0; j < 3; j++)
                    {
                        driver += t - j >= 0 ? x[((t - j) * features) + a] : 0;
                    }

                    driver /= Math.Sqrt(3);
                }

                signal[(t * assets) + a] = Math.Tanh(driver);
                targets[(t * assets) + a] = (0.02 * signal[(t * assets) + a]) + (noise * Gaussian(random));
            }
        }

        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(t => new DateOnly(1970, 1, 31).AddMonths(t))];
        dates = [.. dates.Select(d => new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)))];
        string[] featureNames = [.. Enumerable.Range(0, features).Select(f => $"x{f}")];
        string[] assetNames = [.. Enumerable.Range(0, assets).Select(a => $"A{a}")];
        var samples = TiltSamples.Create(dates, featureNames, x, assetNames, targets, lookback, horizon: 1);
        double[] aligned = [.. Enumerable.Range(0, samples.Count).SelectMany(k => Enumerable.Range(0, assets).Select(a => signal[(samples.Row(k) * assets) + a]))];
        return (samples, aligned);
    }

    public static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
