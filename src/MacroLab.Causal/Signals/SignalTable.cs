namespace MacroLab.Causal.Signals;

/// <summary>Walk-forward CATE signals: for each asset and treatment arm, the effect at each decision date (NaN where none).</summary>
public sealed class SignalTable
{
    private readonly double[][][] _effects; // [asset][arm - 1][row]

    internal SignalTable(IReadOnlyList<DateOnly> dates, IReadOnlyList<string> assets, int armCount, double[][][] effects, IReadOnlyList<SignalRefit> refits)
    {
        Dates = dates;
        Assets = assets;
        ArmCount = armCount;
        _effects = effects;
        Refits = refits;
    }

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
}
