namespace MacroLab.Backtest.Grid;

/// <summary>Runs one trial (a full walk-forward backtest) and reports its outcome.</summary>
public interface ITrialRunner
{
    /// <summary>Runs <paramref name="trial"/>.</summary>
    Task<TrialOutcome> RunAsync(TrialSpec trial, CancellationToken cancellationToken);
}
