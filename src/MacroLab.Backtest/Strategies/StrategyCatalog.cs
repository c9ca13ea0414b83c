using System.Collections.Immutable;

namespace MacroLab.Backtest.Strategies;

/// <summary>
/// Strategies by name, so a command line, a configuration file, a grid or a remote worker can create them from text
/// parameters. Immutable and thread-safe: <see cref="With"/> returns a new catalog. <see cref="BuiltIn"/> holds:
/// <list type="bullet">
/// <item><c>equal-weight</c>: 1/N in every risky asset.</item>
/// <item><c>sixty-forty</c>: 60% <c>equity</c> (default <c>US_EQUITY</c>), 40% <c>bond</c> (default <c>UST10Y</c>).</item>
/// <item><c>momentum</c>: time-series momentum; <c>lookback</c> periods (default 12).</item>
/// <item><c>signal-sign</c>: the sign of per-asset signal features <c>&lt;prefix&gt;&lt;asset&gt;</c>; <c>prefix</c> (default <c>cate.</c>), <c>significant</c> (false; true trades only where the signal's interval excludes zero).</item>
/// <item><c>ridge</c>: ridge regression of forward excess returns on the features; <c>lambda</c> (1), <c>horizon</c> (1), <c>tiltScale</c> (0.5), <c>minCoverage</c> (0.9).</item>
/// </list>
/// MacroLab.Models adds its TorchSharp tilt models with <c>StrategyCatalog.BuiltIn.WithTiltModels()</c>.
/// </summary>
public sealed class StrategyCatalog
{
    private readonly ImmutableSortedDictionary<string, Func<StrategyParameters, ITiltStrategy>> _factories;

    private StrategyCatalog(ImmutableSortedDictionary<string, Func<StrategyParameters, ITiltStrategy>> factories) => _factories = factories;

    /// <summary>The built-in strategies.</summary>
    public static StrategyCatalog BuiltIn { get; } = new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, Func<StrategyParameters, ITiltStrategy>>
    {
        ["equal-weight"] = _ => new EqualWeightStrategy(),
        ["sixty-forty"] = p => new FixedWeightStrategy("sixty-forty", [new(p.Text("equity") ?? "US_EQUITY", 0.6), new(p.Text("bond") ?? "UST10Y", 0.4)]),
        ["momentum"] = p => new MomentumStrategy(p.WholeNumber("lookback", 12, 1, 1200)),
        ["signal-sign"] = p => new SignalSignStrategy(p.Text("prefix") ?? "cate.", p.Flag("significant", false)),
        ["ridge"] = p => new RidgeTiltStrategy(p.Number("lambda", 1, 1e-9), p.WholeNumber("horizon", 1, 1, 120), p.Number("tiltScale", 0.5, 0, 10), p.Number("minCoverage", 0.9, 0, 1)),
    }));

    /// <summary>The names of the strategies, in ordinal order.</summary>
    public IReadOnlyList<string> Names => [.. _factories.Keys];

    /// <summary>Whether the catalog has a strategy called <paramref name="name"/>.</summary>
    public bool Contains(string name) => name is not null && _factories.ContainsKey(name);

    /// <summary>A catalog with <paramref name="name"/> added (or replaced) by <paramref name="factory"/>.</summary>
    /// <param name="name">The strategy's name, e.g. <c>tilt-mlp</c>.</param>
    /// <param name="factory">Creates the strategy from its parameters; read them through the <see cref="StrategyParameters"/> it gets, which rejects unknown ones afterwards.</param>
    /// <exception cref="ArgumentException">The name is empty or has white space.</exception>
    public StrategyCatalog With(string name, Func<StrategyParameters, ITiltStrategy> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"Strategy name '{name}' has white space.", nameof(name));
        }

        return new StrategyCatalog(_factories.SetItem(name, factory));
    }

    /// <summary>Creates the strategy <paramref name="name"/> with <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown, a parameter is unknown to it, or a value is invalid (naming the parameter).</exception>
    public ITiltStrategy Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_factories.TryGetValue(name, out Func<StrategyParameters, ITiltStrategy>? factory))
        {
            throw new ArgumentException($"Unknown strategy '{name}'; the catalog has {string.Join(", ", _factories.Keys)}.", nameof(name));
        }

        var p = new StrategyParameters(name, parameters);
        ITiltStrategy strategy = factory(p);
        p.RejectUnknown();
        return strategy;
    }
}
