namespace MacroLab.Backtest.Reporting;

/// <summary>One out-of-sample period.</summary>
/// <param name="Date">When its returns were realised.</param>
/// <param name="Net">The return net of costs.</param>
/// <param name="Gross">The return before costs.</param>
/// <param name="Cost">The cost charged.</param>
/// <param name="Turnover">The one-way turnover of the rebalance at its start.</param>
/// <param name="GrossLeverage">Sum of absolute held weights.</param>
/// <param name="RiskFree">The risk-free return, or null.</param>
/// <param name="Weights">The weights held over the period, in asset order.</param>
public sealed record BacktestPeriod(DateOnly Date, double Net, double Gross, double Cost, double Turnover, double GrossLeverage, double? RiskFree, IReadOnlyList<double> Weights);
