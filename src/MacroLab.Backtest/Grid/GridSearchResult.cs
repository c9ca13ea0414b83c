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

    /// <summary>
    /// The trial that trades from the end of the data: under nested selection the choice on every realised month, under
    /// global selection the highest mean fold Sharpe among those meeting the constraints; null when none could be chosen.
    /// </summary>
    public TrialOutcome? Selected { get; }

    /// <summary>
    /// The reported out-of-sample record, with the Deflated Sharpe Ratio over all trials in its metrics: under nested
    /// selection the stitched record of each refit's choice, under global selection the selected trial's backtest.
    /// </summary>
    public BacktestResult? SelectedResult { get; }

    /// <summary>Where the selection happened.</summary>
    public SelectionMode Mode { get; init; } = SelectionMode.Global;

    /// <summary>Nested selection: each refit's choice, in time order; empty under global selection.</summary>
    public IReadOnlyList<SelectionStep> Steps { get; init; } = [];

    /// <summary>Nested selection: the choice at the end of the data (<see cref="Selected"/>) with its evidence; null under global selection.</summary>
    public SelectionStep? FinalStep { get; init; }

    /// <summary>How many trials were reused from an interrupted earlier run.</summary>
    public int Reused { get; }

    /// <summary>Why the selected trial won, or why none was selected.</summary>
    public string Reason { get; }

    /// <summary>The per-period Sharpe ratios of all trials with one: the input of the Deflated Sharpe Ratio.</summary>
    public IReadOnlyList<double> TrialSharpes => [.. Trials.Select(t => t.PerPeriodSharpe).OfType<double>()];
}
