using System.Globalization;

namespace MacroLab.Backtest.Strategies;

/// <summary>
/// Time-series momentum (Moskowitz, Ooi and Pedersen 2012): each risky asset gets sign(trailing return in excess of the
/// risk-free asset over <c>lookback</c> periods) / N; the risk-free asset funds the rest (1 - sum). Uses only returns realised by the decision.
/// Before <c>lookback</c> returns exist, the asset is held at 0.
/// </summary>
internal sealed class MomentumStrategy : WeightsStrategy
{
    private readonly int _lookback;

    public MomentumStrategy(int lookback)
    {
        _lookback = lookback;
        Parameters = new Dictionary<string, string> { ["lookback"] = lookback.ToString(CultureInfo.InvariantCulture) };
    }

    public override string Name => "momentum";

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override void Predict(MarketHistory history, Span<double> weights)
    {
        weights.Clear();
        int riskFree = history.RiskFreeAsset, risky = weights.Length - (riskFree >= 0 ? 1 : 0);
        if (history.Row < _lookback)
        {
            Funding.FundFromRiskFree(weights, riskFree);
            return;
        }

        for (int i = 0; i < weights.Length; i++)
        {
            if (i == riskFree)
            {
                continue;
            }

            double logExcess = 0;
            for (int row = history.Row - _lookback; row < history.Row; row++)
            {
                ReadOnlySpan<double> r = history.RealizedReturns(row);
                logExcess += double.LogP1(r[i]) - (riskFree >= 0 ? double.LogP1(r[riskFree]) : 0);
            }

            weights[i] = Math.Sign(logExcess) / (double)risky;
        }

        Funding.FundFromRiskFree(weights, history.RiskFreeAsset);
    }
}
