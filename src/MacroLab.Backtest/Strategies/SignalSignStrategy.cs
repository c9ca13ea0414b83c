namespace MacroLab.Backtest.Strategies;

/// <summary>
/// Trades the sign of a per-asset signal among the features: asset i gets sign(feature <c>&lt;prefix&gt;&lt;asset&gt;</c>) / N
/// (for example the walk-forward CATE signals <c>cate.US_EQUITY</c>); assets without a signal column, or with a missing
/// value, get 0; the risk-free asset funds the rest. With <c>significant</c>, an asset is traded only when the signal's
/// bootstrap interval (<c>&lt;signal&gt;.lower</c>, <c>&lt;signal&gt;.upper</c> among the features) excludes zero, in the
/// direction of the interval; otherwise it gets 0.
/// </summary>
internal sealed class SignalSignStrategy : WeightsStrategy
{
    private readonly string _prefix;
    private readonly bool _significant;
    private int[]? _columns, _lower, _upper;

    public SignalSignStrategy(string prefix, bool significant = false)
    {
        _prefix = prefix;
        _significant = significant;
        Parameters = new Dictionary<string, string> { ["prefix"] = prefix, ["significant"] = significant ? "true" : "false" };
    }

    public override string Name => "signal-sign";

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override void Predict(MarketHistory history, Span<double> weights)
    {
        _columns ??= Columns(history);
        if (_significant && _lower is null)
        {
            (_lower, _upper) = Bounds(history);
        }

        ReadOnlySpan<double> features = history.Features(history.Row);
        int active = _columns.Count(c => c >= 0);
        for (int i = 0; i < weights.Length; i++)
        {
            double signal = _columns[i] >= 0 && i != history.RiskFreeAsset ? features[_columns[i]] : double.NaN;
            if (_significant && !double.IsNaN(signal))
            {
                // Only an interval on one side of zero counts: lower > 0 buys, upper < 0 sells, anything else waits.
                double lower = _lower![i] >= 0 ? features[_lower[i]] : double.NaN, upper = _upper![i] >= 0 ? features[_upper[i]] : double.NaN;
                signal = lower > 0 ? 1 : upper < 0 ? -1 : double.NaN;
            }

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

    private (int[] Lower, int[] Upper) Bounds(MarketHistory history)
    {
        int[] lower = [.. history.Assets.Select(a => IndexOf(history.FeatureNames, $"{_prefix}{a}.lower"))];
        int[] upper = [.. history.Assets.Select(a => IndexOf(history.FeatureNames, $"{_prefix}{a}.upper"))];
        if (lower.All(c => c < 0) || upper.All(c => c < 0))
        {
            throw new ArgumentException(
                $"Strategy '{Name}' with significant=true needs the signals' intervals ('{_prefix}<asset>.lower' and '.upper') among the features: build the signals with a bootstrap and read them with signalIntervals.");
        }

        return (lower, upper);
    }
}
