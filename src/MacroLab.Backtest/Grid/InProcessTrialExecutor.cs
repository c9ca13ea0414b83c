namespace MacroLab.Backtest.Grid;

/// <summary>
/// Runs trials on the thread pool, at most <see cref="MaxDegreeOfParallelism"/> at a time. Each trial is deterministic and
/// its outcome goes to its own slot, so results equal a serial run's whatever the scheduling.
/// </summary>
public sealed class InProcessTrialExecutor : ITrialExecutor
{
    /// <summary>An executor running up to <paramref name="maxDegreeOfParallelism"/> trials at once (default: the processor count).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    public InProcessTrialExecutor(int? maxDegreeOfParallelism = null)
    {
        int parallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1, nameof(maxDegreeOfParallelism));
        MaxDegreeOfParallelism = parallelism;
    }

    /// <summary>The most trials running at once.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrialOutcome>> ExecuteAsync(
        IReadOnlyList<TrialSpec> trials, ITrialRunner runner, IProgress<TrialProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(runner);
        var outcomes = new TrialOutcome[trials.Count];
        int completed = 0;
        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, trials.Count), options, async (i, token) =>
        {
            outcomes[i] = await runner.RunAsync(trials[i], token).ConfigureAwait(false);
            lock (gate)
            {
                // Under the lock, so that reports arrive one at a time and their counts only go up.
                progress?.Report(new TrialProgress(++completed, trials.Count, trials[i], false));
            }
        }).ConfigureAwait(false);
        return outcomes;
    }
}
