using System.Globalization;

namespace MacroLab.Backtest.Strategies;

/// <summary>Reads a strategy's text parameters with errors that name the strategy and the parameter.</summary>
internal sealed class StrategyParameters
{
    private readonly string _strategy;
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public StrategyParameters(string strategy, IReadOnlyDictionary<string, string>? values)
    {
        _strategy = strategy;
        _values = values ?? new Dictionary<string, string>();
    }

    public double Double(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
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

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
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

    public string? Text(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out string? text) ? text : null;
    }

    /// <summary>Rejects parameters the strategy does not know, so a typo in a grid is not silently ignored.</summary>
    public void RejectUnknown()
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
