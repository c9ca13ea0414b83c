using System.Globalization;

namespace MacroLab.Backtest.Strategies;

/// <summary>Constant target weights, rebalanced every period (equal weight, 60/40 and other static mixes).</summary>
internal sealed class FixedWeightStrategy : WeightsStrategy
{
    private readonly string _name;
    private readonly KeyValuePair<string, double>[] _weights;
    private int[]? _indexes;

    public FixedWeightStrategy(string name, IEnumerable<KeyValuePair<string, double>> weights)
    {
        _name = name;
        _weights = [.. weights];
        Parameters = _weights.ToDictionary(w => $"weight.{w.Key}", w => w.Value.ToString("R", CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public override string Name => _name;

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override void Predict(MarketHistory history, Span<double> weights)
    {
        _indexes ??= Resolve(history.Assets, [.. _weights.Select(w => w.Key)]);
        weights.Clear();
        for (int k = 0; k < _weights.Length; k++)
        {
            weights[_indexes[k]] = _weights[k].Value;
        }
    }
}
