namespace MacroLab.Backtest;

/// <summary>
/// What is known at one decision date: features of that date and earlier, and returns realised by then (periods ending at or
/// before it). Asking for anything later throws <see cref="LookAheadException"/>, so a model cannot see the future by accident.
/// </summary>
public readonly struct MarketHistory
{
    private readonly BacktestDataset _data;

    internal MarketHistory(BacktestDataset data, int row)
    {
        _data = data;
        Row = row;
    }

    /// <summary>The decision row in the dataset.</summary>
    public int Row { get; }

    /// <summary>The decision date.</summary>
    public DateOnly Date => _data.Dates[Row];

    /// <summary>The asset names.</summary>
    public IReadOnlyList<string> Assets => _data.Assets;

    /// <summary>The feature names.</summary>
    public IReadOnlyList<string> FeatureNames => _data.FeatureNames;

    /// <summary>The index of the risk-free asset, or -1.</summary>
    public int RiskFreeAsset => _data.RiskFreeAsset;

    /// <summary>The features known at <paramref name="row"/> (at most <see cref="Row"/>); NaN where missing.</summary>
    /// <exception cref="LookAheadException"><paramref name="row"/> is after the decision date.</exception>
    public ReadOnlySpan<double> Features(int row)
    {
        if (row > Row)
        {
            throw new LookAheadException($"At {Date:yyyy-MM-dd} a model asked for the features of {_data.Dates[Math.Min(row, _data.RowCount - 1)]:yyyy-MM-dd} (row {row}), which are not known yet.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(row);
        return _data.FeatureRow(row);
    }

    /// <summary>The returns over (date <paramref name="row"/>, date <paramref name="row"/>+1], which are known only when <paramref name="row"/> &lt; <see cref="Row"/>.</summary>
    /// <exception cref="LookAheadException">The period ends after the decision date.</exception>
    public ReadOnlySpan<double> RealizedReturns(int row)
    {
        if (row >= Row)
        {
            throw new LookAheadException($"At {Date:yyyy-MM-dd} a model asked for the returns realised at {_data.RealizedAt[Math.Min(row, _data.RowCount - 1)]:yyyy-MM-dd} (row {row}), which are not known yet.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(row);
        return _data.ReturnRow(row);
    }
}
