namespace MacroLab.Hosting.Documents;

/// <summary>
/// What revisions are worth: the selected trial's out-of-sample Sharpe ratio on real-time data and on revised data (every
/// value at its latest revision, as a backtest blind to revisions would use it), over the same months.
/// </summary>
/// <param name="RealTimeSharpe">On the data as it was known at each decision.</param>
/// <param name="RevisedSharpe">On the latest vintage of everything.</param>
/// <param name="Difference">Revised minus real-time: the look-ahead a naive backtest would have added.</param>
/// <param name="RealTimeAnnualReturn">The annual return on real-time data.</param>
/// <param name="RevisedAnnualReturn">The annual return on revised data.</param>
public sealed record RevisionCost(double? RealTimeSharpe, double? RevisedSharpe, double? Difference, double RealTimeAnnualReturn, double RevisedAnnualReturn);
