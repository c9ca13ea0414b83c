namespace MacroLab.Backtest.Stages;

/// <summary>The headline numbers of a backtest run, as kept in its manifest.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Parameters">The (selected) parameters, <c>name=value</c> joined by commas.</param>
/// <param name="Periods">Out-of-sample periods.</param>
/// <param name="Start">The first out-of-sample return's date.</param>
/// <param name="End">The last one's.</param>
/// <param name="AnnualReturn">Geometric annual return, net.</param>
/// <param name="Sharpe">Annualised Sharpe ratio, net, in excess of the risk-free asset.</param>
/// <param name="MaxDrawdown">Maximum drawdown depth.</param>
/// <param name="AnnualTurnover">Annual one-way turnover.</param>
/// <param name="DeflatedSharpe">DSR over the trials (PSR(0) for a single strategy).</param>
/// <param name="Trials">The number of trials (1 without a grid).</param>
/// <param name="GatesPassed">Whether every gate passed.</param>
/// <param name="GateSummary">The gates' verdict in one line.</param>
public sealed record BacktestSummary(
    string Strategy, string Parameters, int Periods, DateOnly Start, DateOnly End, double AnnualReturn, double? Sharpe, double MaxDrawdown,
    double AnnualTurnover, double? DeflatedSharpe, int Trials, bool GatesPassed, string GateSummary);
