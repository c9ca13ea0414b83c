using MacroLab.Backtest.Grid;

namespace MacroLab.Backtest.Reporting;

/// <summary>
/// A grid search's trials and selection. (How many trials an interrupted run reused is not recorded: the record is the
/// same whether the grid ran at once or resumed.)
/// </summary>
/// <param name="Experiment">The experiment key (data, options, trials and code version).</param>
/// <param name="TrialCount">The number of trials.</param>
/// <param name="Selected">The selected trial's id, or null when none met the constraints.</param>
/// <param name="Reason">Why it was selected.</param>
/// <param name="Trials">Every trial's outcome, in grid order.</param>
public sealed record GridSummary(string Experiment, int TrialCount, string? Selected, string Reason, IReadOnlyList<TrialOutcome> Trials);
