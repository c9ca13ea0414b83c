namespace MacroLab.Backtest.Grid;

/// <summary>
/// Where trials run: in this process (<see cref="InProcessTrialExecutor"/>) or, at scale, on workers fed by a queue.
/// Whatever the executor, the outcomes come back in trial order and equal those of a serial run.
/// </summary>
public interface ITrialExecutor
{
    /// <summary>Runs every trial with <paramref name="runner"/>; returns the outcomes in the order of <paramref name="trials"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished trials may already be persisted by the runner.</exception>
    Task<IReadOnlyList<TrialOutcome>> ExecuteAsync(
        IReadOnlyList<TrialSpec> trials, ITrialRunner runner, IProgress<TrialProgress>? progress, CancellationToken cancellationToken);
}
