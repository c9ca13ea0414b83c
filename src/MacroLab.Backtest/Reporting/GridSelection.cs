using MacroLab.Backtest.Grid;

namespace MacroLab.Backtest.Reporting;

/// <summary>How a grid's record was selected.</summary>
/// <param name="Mode">Nested (inside the walk-forward) or global (once over the whole record, with hindsight).</param>
/// <param name="Reason">What was selected and why.</param>
/// <param name="Steps">Nested selection: each refit's choice; empty under global selection.</param>
/// <param name="Final">Nested selection: the choice at the end of the data, the model that trades from now on.</param>
public sealed record GridSelection(SelectionMode Mode, string Reason, IReadOnlyList<SelectionStep> Steps, SelectionStep? Final);
