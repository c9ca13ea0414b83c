namespace MacroLab.Backtest;

/// <summary>
/// The samples a model may learn from in one fold: for each sample date s, the features known at s and the label, each
/// asset's compounded return over (s, s+h] for the strategy's horizon h. Every label is fully realised before the fold's
/// first decision (purged), and samples in embargoed periods are absent.
/// </summary>
public sealed class TrainingSet
{
    private readonly BacktestDataset _data;
    private readonly int[] _rows;
    private readonly double[] _labels;

    internal TrainingSet(BacktestDataset data, int[] rows, int horizon, int decisionRow)
    {
        _data = data;
        _rows = rows;
        Horizon = horizon;
        DecisionRow = decisionRow;
        int assets = data.AssetCount;
        _labels = new double[rows.Length * assets];
        if (horizon == 0)
        {
            return;
        }

        for (int k = 0; k < rows.Length; k++)
        {
            for (int a = 0; a < assets; a++)
            {
                _labels[(k * assets) + a] = data.CompoundedReturn(rows[k], horizon, a);
            }
        }
    }

    /// <summary>The label horizon h in periods (0 when the strategy does not learn).</summary>
    public int Horizon { get; }

    /// <summary>The first decision row of the test window this set trains for.</summary>
    public int DecisionRow { get; }

    /// <summary>The number of samples.</summary>
    public int Count => _rows.Length;

    /// <summary>The number of features per sample.</summary>
    public int FeatureCount => _data.FeatureCount;

    /// <summary>The number of assets per label.</summary>
    public int AssetCount => _data.AssetCount;

    /// <summary>The asset names.</summary>
    public IReadOnlyList<string> Assets => _data.Assets;

    /// <summary>The feature names.</summary>
    public IReadOnlyList<string> FeatureNames => _data.FeatureNames;

    /// <summary>The index of the risk-free asset, or -1.</summary>
    public int RiskFreeAsset => _data.RiskFreeAsset;

    /// <summary>The dataset row of sample <paramref name="sample"/>.</summary>
    public int Row(int sample) => _rows[sample];

    /// <summary>The decision date of sample <paramref name="sample"/>.</summary>
    public DateOnly Date(int sample) => _data.Dates[_rows[sample]];

    /// <summary>The features of sample <paramref name="sample"/>; NaN where missing.</summary>
    public ReadOnlySpan<double> Features(int sample) => _data.FeatureRow(_rows[sample]);

    /// <summary>Each asset's compounded return over the <see cref="Horizon"/> periods after sample <paramref name="sample"/>.</summary>
    public ReadOnlySpan<double> Labels(int sample) => _labels.AsSpan(sample * _data.AssetCount, _data.AssetCount);
}
