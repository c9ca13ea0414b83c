using MacroLab.Data.Features;

namespace MacroLab.Data;

/// <summary>
/// Which Gold tables a model or a backtest reads (<see cref="GoldDataset"/>): a feature set, optional signal sets, a
/// universe's labels, and the assets and decision dates to keep. Each table is a name, which resolves to the lake's only
/// variant of it, or <c>name@variant</c> (see <see cref="Storage.DatasetVariant"/>).
/// </summary>
public sealed record GoldDatasetRequest
{
    /// <summary>The Gold feature set (gold/features/&lt;name&gt;[@variant]); <c>macro_monthly</c> by default.</summary>
    public string FeatureSet { get; init; } = MacroFeatureSet.DefaultName;

    /// <summary>The feature columns to keep, in this order (the signal sets' columns are added after them); null for every column.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Gold signal sets (gold/signals/&lt;name&gt;[@variant]) whose columns join the features; none by default.</summary>
    public IReadOnlyList<string> Signals { get; init; } = [];

    /// <summary>
    /// Whether the signal sets' bootstrap interval bounds (<see cref="SignalColumns"/>) join the features too; false by
    /// default, since they describe the signals' uncertainty and are not model inputs.
    /// </summary>
    public bool SignalIntervals { get; init; }

    /// <summary>The decision calendar the Gold tables were built on: which one-period labels name the assets (<c>.fwd1m</c>, <c>.fwd1w</c>, <c>.fwd1d</c>).</summary>
    /// <value>Default: <see cref="PointInTime.DecisionFrequency.MonthEnd"/>.</value>
    public PointInTime.DecisionFrequency Frequency { get; init; } = PointInTime.DecisionFrequency.MonthEnd;

    /// <summary>The universe whose labels (gold/labels/&lt;name&gt;) give the returns; <c>us_macro5</c> by default.</summary>
    public string Universe { get; init; } = AssetUniverse.DefaultName;

    /// <summary>The assets to keep, or null for every asset with a <c>.fwd1m</c> label.</summary>
    public IReadOnlyList<string>? Assets { get; init; }

    /// <summary>The risk-free asset, or null; <c>CASH</c> by default.</summary>
    public string? RiskFreeAsset { get; init; } = AssetUniverse.DefaultRiskFreeAsset;

    /// <summary>The first decision date to keep, or null.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>The last decision date to keep, or null.</summary>
    public DateOnly? End { get; init; }
}
