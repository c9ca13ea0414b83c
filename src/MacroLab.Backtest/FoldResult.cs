using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest;

/// <summary>One fold of a backtest: its windows and its out-of-sample performance.</summary>
/// <param name="Index">The fold's position, from 0.</param>
/// <param name="TrainStart">The first training sample's decision date; null when the strategy does not learn or the set is empty.</param>
/// <param name="TrainEnd">The last training sample's decision date.</param>
/// <param name="TrainSamples">The number of training samples after purge and embargo.</param>
/// <param name="TestStart">The first test decision date.</param>
/// <param name="TestEnd">The last test decision date.</param>
/// <param name="TestPeriods">The number of test periods.</param>
/// <param name="Metrics">Out-of-sample metrics of the fold's net returns; null when the fold has fewer than 2 periods.</param>
public sealed record FoldResult(
    int Index, DateOnly? TrainStart, DateOnly? TrainEnd, int TrainSamples, DateOnly TestStart, DateOnly TestEnd, int TestPeriods, PerformanceMetrics? Metrics);
