namespace MacroLab.Backtest.Strategies;

/// <summary>
/// The built-in strategies by name, so a command line or a grid can create them from text parameters:
/// <list type="bullet">
/// <item><c>equal-weight</c>: 1/N in every risky asset.</item>
/// <item><c>sixty-forty</c>: 60% <c>equity</c> (default <c>US_EQUITY</c>), 40% <c>bond</c> (default <c>UST10Y</c>).</item>
/// <item><c>momentum</c>: time-series momentum; <c>lookback</c> periods (default 12).</item>
/// <item><c>signal-sign</c>: the sign of per-asset signal features <c>&lt;prefix&gt;&lt;asset&gt;</c>; <c>prefix</c> (default <c>cate.</c>).</item>
/// <item><c>ridge</c>: ridge regression of forward excess returns on the features; <c>lambda</c> (1), <c>horizon</c> (1), <c>tiltScale</c> (0.5), <c>minCoverage</c> (0.9).</item>
/// </list>
/// </summary>
public static class StrategyCatalog
{
    /// <summary>The names of the built-in strategies.</summary>
    public static IReadOnlyList<string> Names { get; } = ["equal-weight", "sixty-forty", "momentum", "signal-sign", "ridge"];

    /// <summary>Creates the built-in strategy <paramref name="name"/> with <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown, a parameter is unknown to it, or a value is invalid (naming the parameter).</exception>
    public static ITiltStrategy Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var p = new StrategyParameters(name, parameters);
        ITiltStrategy strategy = name switch
        {
            "equal-weight" => new EqualWeightStrategy(),
            "sixty-forty" => new FixedWeightStrategy(name, [new(p.Text("equity") ?? "US_EQUITY", 0.6), new(p.Text("bond") ?? "UST10Y", 0.4)]),
            "momentum" => new MomentumStrategy(p.Int("lookback", 12, 1, 1200)),
            "signal-sign" => new SignalSignStrategy(p.Text("prefix") ?? "cate."),
            "ridge" => new RidgeTiltStrategy(
                p.Double("lambda", 1, 1e-9), p.Int("horizon", 1, 1, 120), p.Double("tiltScale", 0.5, 0, 10), p.Double("minCoverage", 0.9, 0, 1)),
            _ => throw new ArgumentException($"Unknown strategy '{name}'; the built-in strategies are {string.Join(", ", Names)}.", nameof(name)),
        };
        p.RejectUnknown();
        return strategy;
    }
}
