namespace MacroLab.Backtest.Grid;

/// <summary>
/// A trial runner whose work can be shipped to another machine: everything a trial depends on besides the trial itself is
/// in its <see cref="Workload"/>. The runners of <see cref="GridSearch"/> are portable, so a distributed
/// <see cref="ITrialExecutor"/> can send the workload once and the trials as messages.
/// </summary>
public interface IPortableTrialRunner : ITrialRunner
{
    /// <summary>The data, options and experiment every trial of this runner shares.</summary>
    TrialWorkload Workload { get; }
}
