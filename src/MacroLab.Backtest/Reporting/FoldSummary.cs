namespace MacroLab.Backtest.Reporting;

/// <summary>One fold of a walk-forward backtest.</summary>
/// <param name="Index">The fold's position, from 0.</param>
/// <param name="TrainStart">The first training sample's date, or null when the strategy does not learn.</param>
/// <param name="TrainEnd">The last training sample's date, or null.</param>
/// <param name="TrainSamples">The number of training samples.</param>
/// <param name="TestStart">The first test decision.</param>
/// <param name="TestEnd">The last test decision.</param>
/// <param name="TestPeriods">The number of test periods.</param>
/// <param name="Sharpe">The fold's annualised Sharpe ratio, or null when undefined.</param>
/// <param name="AnnualReturn">The fold's geometric annual return, or null.</param>
/// <param name="MaxDrawdown">The fold's maximum drawdown, or null.</param>
public sealed record FoldSummary(
    int Index, DateOnly? TrainStart, DateOnly? TrainEnd, int TrainSamples, DateOnly TestStart, DateOnly TestEnd, int TestPeriods,
    double? Sharpe, double? AnnualReturn, double? MaxDrawdown);
