namespace MacroLab.Backtest.Tests;

/// <summary>Seeded synthetic datasets: month-end dates, small random returns, features that weakly predict them.</summary>
internal static class Synthetic
{
    public static BacktestDataset Dataset(int rows = 240, int assets = 3, int features = 4, int seed = 7, bool riskFree = true)
    {
        var random = new Random(seed);
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(MonthEnd)];
        string[] names = [.. Enumerable.Range(0, assets).Select(a => riskFree && a == assets - 1 ? "CASH" : $"A{a}")];
        var featureValues = new double[rows * features];
        var returns = new double[rows * assets];
        for (int t = 0; t < rows; t++)
        {
            for (int f = 0; f < features; f++)
            {
                featureValues[(t * features) + f] = random.NextDouble() - 0.5;
            }

            for (int a = 0; a < assets; a++)
            {
                bool cash = riskFree && a == assets - 1;
                double signal = featureValues[(t * features) + (a % features)];
                returns[(t * assets) + a] = cash ? 0.002 : 0.005 + (0.02 * signal) + (0.04 * (random.NextDouble() - 0.5));
            }
        }

        return BacktestDataset.Create(dates, MonthEnd(rows), names, returns, [.. Enumerable.Range(0, features).Select(f => $"f{f}")], featureValues, riskFree ? "CASH" : null);
    }

    public static DateOnly MonthEnd(int index) => new DateOnly(1990, 1, 1).AddMonths(index + 1).AddDays(-1);
}
