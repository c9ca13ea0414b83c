namespace MacroLab.Backtest;

/// <summary>How much a backtest traded and what it cost.</summary>
/// <param name="Rebalances">The number of trades.</param>
/// <param name="MeanTurnover">One-way turnover per trade, averaged over trades: mean of 0.5 sum_i |w_t - w_t-|.</param>
/// <param name="AnnualTurnover">One-way turnover per year: total one-way turnover x P / T.</param>
/// <param name="AnnualCost">Costs per year as a decimal return: total cost x P / T.</param>
/// <param name="MeanGrossLeverage">The mean of sum_i |w_i| over periods.</param>
public sealed record TradingStatistics(int Rebalances, double MeanTurnover, double AnnualTurnover, double AnnualCost, double MeanGrossLeverage);
