namespace MacroLab.Backtest.Strategies;

/// <summary>1/N in every asset except the risk-free one (which gets 0), rebalanced every period.</summary>
internal sealed class EqualWeightStrategy : WeightsStrategy
{
    public override string Name => "equal-weight";

    public override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    public override void Predict(MarketHistory history, Span<double> weights)
    {
        int risky = history.Assets.Count - (history.RiskFreeAsset >= 0 ? 1 : 0);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = i == history.RiskFreeAsset ? 0 : 1.0 / risky;
        }
    }
}
