namespace MacroLab.Backtest.Grid;

/// <summary>A finished grid: every trial's outcome and the selected one.</summary>
public sealed class GridSearchResult
{
    internal GridSearchResult(string experiment, IReadOnlyList<TrialOutcome> trials, TrialOutcome? selected, BacktestResult? selectedResult, int reused, string reason)
    {
        Experiment = experiment;
        Trials = trials;
        Selected = selected;
        SelectedResult = selectedResult;
        Reused = reused;
        Reason = reason;
    }

    /// <summary>The experiment's fingerprint (data, options, strategy, grid, code version).</summary>
    public string Experiment { get; }

    /// <summary>Every trial's outcome, in grid order.</summary>
    public IReadOnlyList<TrialOutcome> Trials { get; }

    /// <summary>The trial with the highest mean out-of-sample fold Sharpe among those meeting the constraints; null when none does.</summary>
    public TrialOutcome? Selected { get; }

    /// <summary>The selected trial's full backtest, with the Deflated Sharpe Ratio over all trials in its metrics.</summary>
    public BacktestResult? SelectedResult { get; }

    /// <summary>How many trials were reused from an interrupted earlier run.</summary>
    public int Reused { get; }

    /// <summary>Why the selected trial won, or why none was selected.</summary>
    public string Reason { get; }

    /// <summary>The per-period Sharpe ratios of all trials with one: the input of the Deflated Sharpe Ratio.</summary>
    public IReadOnlyList<double> TrialSharpes => [.. Trials.Select(t => t.PerPeriodSharpe).OfType<double>()];
}
