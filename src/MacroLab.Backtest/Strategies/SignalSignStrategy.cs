namespace MacroLab.Backtest.Strategies;

/// <summary>
/// Trades the sign of a per-asset signal among the features: asset i gets sign(feature <c>&lt;prefix&gt;&lt;asset&gt;</c>) / N
/// (for example the walk-forward CATE signals <c>cate.US_EQUITY</c>); assets without a signal column, or with a missing
/// value, get 0; the risk-free asset funds the rest.
/// </summary>
internal sealed class SignalSignStrategy : WeightsStrategy
{
    private readonly string _prefix;
    private int[]? _columns;

    public SignalSignStrategy(string prefix)
    {
        _prefix = prefix;
        Parameters = new Dictionary<string, string> { ["prefix"] = prefix };
    }

    public override string Name => "signal-sign";

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override void Predict(MarketHistory history, Span<double> weights)
    {
        _columns ??= Columns(history);
        ReadOnlySpan<double> features = history.Features(history.Row);
        int active = _columns.Count(c => c >= 0);
        for (int i = 0; i < weights.Length; i++)
        {
            double signal = _columns[i] >= 0 && i != history.RiskFreeAsset ? features[_columns[i]] : double.NaN;
            weights[i] = double.IsNaN(signal) ? 0 : Math.Sign(signal) / (double)active;
        }

        Funding.FundFromRiskFree(weights, history.RiskFreeAsset);
    }

    private int[] Columns(MarketHistory history)
    {
        var columns = new int[history.Assets.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = IndexOf(history.FeatureNames, _prefix + history.Assets[i]);
        }

        if (columns.All(c => c < 0))
        {
            throw new ArgumentException($"Strategy '{Name}': no feature named '{_prefix}<asset>' for any asset ({string.Join(", ", history.Assets)}); build the signals first or set 'prefix'.");
        }

        return columns;
    }
}
