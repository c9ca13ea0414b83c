namespace MacroLab.Backtest.Grid;

/// <summary>A store that saves every finished trial but reuses none: a forced run recomputes each trial and still leaves them for a later resume.</summary>
internal sealed class RecomputingTrialStore(ITrialStore inner) : ITrialStore
{
    public Task<TrialOutcome?> TryLoadAsync(string experiment, TrialSpec trial, CancellationToken cancellationToken) => Task.FromResult<TrialOutcome?>(null);

    public Task SaveAsync(string experiment, TrialOutcome outcome, CancellationToken cancellationToken) => inner.SaveAsync(experiment, outcome, cancellationToken);
}
