namespace MacroLab.Backtest.Grid;

/// <summary>Keeps finished trials so that an interrupted grid resumes without redoing them.</summary>
public interface ITrialStore
{
    /// <summary>The stored outcome of <paramref name="trial"/> in <paramref name="experiment"/>, or null.</summary>
    /// <param name="experiment">The fingerprint of everything the outcome depends on besides the trial (data, options, code version).</param>
    /// <param name="trial">The trial.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<TrialOutcome?> TryLoadAsync(string experiment, TrialSpec trial, CancellationToken cancellationToken);

    /// <summary>Stores a finished trial's outcome, atomically.</summary>
    Task SaveAsync(string experiment, TrialOutcome outcome, CancellationToken cancellationToken);
}
