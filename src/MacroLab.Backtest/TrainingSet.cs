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
    private readonly int[] _testRows;
    private readonly DateOnly _decisionDate;

    internal TrainingSet(BacktestDataset data, int[] rows, int horizon, int decisionRow, int[]? testRows = null)
    {
        _data = data;
        _rows = rows;
        _testRows = testRows ?? [decisionRow];
        _decisionDate = decisionRow < data.RowCount ? data.Dates[decisionRow] : data.RealizedAt[^1];
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

    /// <summary>
    /// Every sample of <paramref name="data"/> whose label is realised within it: what a model is fitted on to decide from
    /// the end of the data onwards, e.g. the final model to deploy after its walk-forward validation. Its
    /// <see cref="DecisionRow"/> is <see cref="BacktestDataset.RowCount"/>, one past the last row.
    /// </summary>
    /// <param name="data">The dataset.</param>
    /// <param name="horizon">The label horizon in periods, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is below 1.</exception>
    public static TrainingSet AllRealized(BacktestDataset data, int horizon)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        int count = Math.Max(0, data.RowCount - horizon + 1);
        return new TrainingSet(data, [.. Enumerable.Range(0, count)], horizon, data.RowCount, []);
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

    /// <summary>The decision date of any dataset row (the calendar is no secret).</summary>
    public DateOnly DateAt(int row) => _data.Dates[row];

    /// <summary>
    /// The features of any dataset row up to the last sample that is not a test decision of this fold, samples or not: the
    /// history a model with a lookback window reads before each sample. NaN where missing.
    /// </summary>
    /// <exception cref="LookAheadException"><paramref name="row"/> is a test decision of this fold, or after the last sample.</exception>
    public ReadOnlySpan<double> FeaturesAt(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        int last = _rows.Length == 0 ? -1 : _rows[^1];
        if (row > Math.Max(last, DecisionRow - 1) || Array.BinarySearch(_testRows, row) >= 0)
        {
            throw new LookAheadException(
                $"A model fitting for the decisions from {_decisionDate:yyyy-MM-dd} asked for the features of {_data.Dates[Math.Min(row, _data.RowCount - 1)]:yyyy-MM-dd} (row {row}), which it may not see while fitting.");
        }

        return _data.FeatureRow(row);
    }

    /// <summary>Each asset's compounded return over the <see cref="Horizon"/> periods after sample <paramref name="sample"/>.</summary>
    public ReadOnlySpan<double> Labels(int sample) => _labels.AsSpan(sample * _data.AssetCount, _data.AssetCount);
}
