namespace MacroLab.Backtest.Strategies;

/// <summary>Fully funds a portfolio: the risk-free asset gets 1 - sum of the other weights (negative means borrowing).</summary>
internal static class Funding
{
    public static void FundFromRiskFree(Span<double> weights, int riskFree)
    {
        if (riskFree < 0)
        {
            return;
        }

        double risky = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            risky += i == riskFree ? 0 : weights[i];
        }

        weights[riskFree] = 1 - risky;
    }
}
