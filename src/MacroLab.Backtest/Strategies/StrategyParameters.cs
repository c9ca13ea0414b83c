using System.Globalization;

namespace MacroLab.Backtest.Strategies;

/// <summary>
/// A strategy's text parameters, read with defaults and bounds; errors name the strategy and the parameter. The catalog
/// rejects, after the factory ran, any parameter the factory did not read, so a typo in a grid is never silently ignored.
/// </summary>
public sealed class StrategyParameters
{
    private readonly string _strategy;
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>The parameters <paramref name="values"/> of strategy <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The strategy's name, for messages.</param>
    /// <param name="values">The parameters by name; null for none.</param>
    public StrategyParameters(string strategy, IReadOnlyDictionary<string, string>? values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        _strategy = strategy;
        _values = values ?? new Dictionary<string, string>();
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ArgumentException">The value is not such a number.</exception>
    public double Number(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentException($"Strategy '{_strategy}': parameter '{name}' is '{text}'; it must be a number in [{Show(min)}, {Show(max)}].");
        }

        return value;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ArgumentException">The value is not such a number.</exception>
    public int WholeNumber(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new ArgumentException($"Strategy '{_strategy}': parameter '{name}' is '{text}'; it must be a whole number in [{min}, {max}].");
        }

        return value;
    }

    /// <summary><c>true</c> or <c>false</c>, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ArgumentException">The value is neither.</exception>
    public bool Flag(string name, bool fallback)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw new ArgumentException($"Strategy '{_strategy}': parameter '{name}' is '{text}'; it must be true or false."),
        };
    }

    /// <summary>One of <paramref name="choices"/>, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ArgumentException">The value is not one of them.</exception>
    public string Choice(string name, string fallback, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        string? text = Text(name);
        return text is null ? fallback
            : choices.Contains(text, StringComparer.Ordinal) ? text
            : throw new ArgumentException($"Strategy '{_strategy}': parameter '{name}' is '{text}'; it must be one of {string.Join(", ", choices)}.");
    }

    /// <summary>The text of a parameter, or null when absent.</summary>
    public string? Text(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out string? text) ? text : null;
    }

    /// <summary>Rejects parameters the strategy does not know, so a typo in a grid is not silently ignored.</summary>
    internal void RejectUnknown()
    {
        foreach (string name in _values.Keys)
        {
            if (!_used.Contains(name))
            {
                throw new ArgumentException($"Strategy '{_strategy}' has no parameter '{name}'; it takes: {string.Join(", ", _used.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    private static string Show(double bound) => double.IsInfinity(bound) ? (bound > 0 ? "inf" : "-inf") : bound.ToString(CultureInfo.InvariantCulture);
}
