using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Reporting;

namespace MacroLab.Hosting.Reporting;

/// <summary>The grid trial a backtest document selected.</summary>
internal static class SelectedTrial
{
    /// <summary>The selected trial's outcome in <paramref name="results"/>' grid; null for a single run or when none was selected.</summary>
    public static TrialOutcome? Of(BacktestRecord results) =>
        results.Grid is { Selected: { } id } grid ? grid.Trials.FirstOrDefault(t => t.Trial.Id == id) : null;
}
