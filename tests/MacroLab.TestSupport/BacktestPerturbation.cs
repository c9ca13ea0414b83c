using MacroLab.Backtest;

namespace MacroLab.TestSupport;

/// <summary>The counterfactual of every no-look-ahead test: the same dataset with its future replaced by noise.</summary>
public static class BacktestPerturbation
{
    /// <summary>
    /// A copy of <paramref name="data"/> with new, seeded returns for the rows at or after <paramref name="cut"/> (their
    /// returns are realised after the decision at <paramref name="cut"/>) and new features for the rows after it. A
    /// decision up to <paramref name="cut"/> that changes on this copy looked ahead.
    /// </summary>
    /// <param name="data">The original dataset.</param>
    /// <param name="cut">The last decision row whose information must be unchanged.</param>
    /// <param name="seed">The noise's seed.</param>
    public static BacktestDataset ChangeAfter(BacktestDataset data, int cut, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var random = new Random(seed);
        var returns = new double[data.RowCount * data.AssetCount];
        var features = new double[data.RowCount * data.FeatureCount];
        for (int t = 0; t < data.RowCount; t++)
        {
            for (int a = 0; a < data.AssetCount; a++)
            {
                returns[(t * data.AssetCount) + a] = t >= cut ? (random.NextDouble() - 0.5) * 0.2 : data.PeriodReturn(t, a);
            }

            for (int f = 0; f < data.FeatureCount; f++)
            {
                features[(t * data.FeatureCount) + f] = t > cut ? random.NextDouble() * 10 : data.Feature(t, f);
            }
        }

        return BacktestDataset.Create(data.Dates, data.RealizedAt[^1], data.Assets, returns, data.FeatureNames, features, data.Assets[data.RiskFreeAsset]);
    }
}
