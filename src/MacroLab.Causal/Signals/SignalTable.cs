namespace MacroLab.Causal.Signals;

/// <summary>Walk-forward CATE signals: for each asset and treatment arm, the effect at each decision date (NaN where none).</summary>
public sealed class SignalTable
{
    private readonly double[][][] _effects; // [asset][arm - 1][row]
    private readonly double[][][]? _lower, _upper;

    internal SignalTable(
        IReadOnlyList<DateOnly> dates, IReadOnlyList<string> assets, int armCount, double[][][] effects, IReadOnlyList<SignalRefit> refits,
        double[][][]? lower = null, double[][][]? upper = null)
    {
        Dates = dates;
        Assets = assets;
        ArmCount = armCount;
        _effects = effects;
        Refits = refits;
        _lower = lower;
        _upper = upper;
    }

    /// <summary>Whether the signals carry bootstrap intervals (the estimator was fitted with a bootstrap).</summary>
    public bool HasIntervals => _lower is not null;

    /// <summary>The decision dates.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The assets.</summary>
    public IReadOnlyList<string> Assets { get; }

    /// <summary>The number of arms including control.</summary>
    public int ArmCount { get; }

    /// <summary>Each refit, in date order.</summary>
    public IReadOnlyList<SignalRefit> Refits { get; }

    /// <summary>The effect of arm <paramref name="arm"/> on asset <paramref name="asset"/> at each decision date, NaN where none.</summary>
    public IReadOnlyList<double> Effect(int asset, int arm = 1) => _effects[asset][arm - 1];

    /// <summary>The lower end of the effect's bootstrap interval at each date, NaN where none.</summary>
    /// <exception cref="InvalidOperationException">The signals carry no intervals (<see cref="HasIntervals"/>).</exception>
    public IReadOnlyList<double> Lower(int asset, int arm = 1) => (_lower ?? throw NoIntervals())[asset][arm - 1];

    /// <summary>The upper end of the effect's bootstrap interval at each date, NaN where none.</summary>
    /// <exception cref="InvalidOperationException">The signals carry no intervals (<see cref="HasIntervals"/>).</exception>
    public IReadOnlyList<double> Upper(int asset, int arm = 1) => (_upper ?? throw NoIntervals())[asset][arm - 1];

    private static InvalidOperationException NoIntervals() =>
        new("These signals carry no intervals: fit the estimator with MetaLearnerOptions.Bootstrap.");
}
