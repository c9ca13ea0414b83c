using MacroLab.Backtest.Grid;
using MacroLab.Data.Stages;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Stages;

/// <summary>The outcome of the backtest stage.</summary>
/// <param name="Status">Written, or unchanged (outputs already matched the inputs and options).</param>
/// <param name="Datasets">The datasets of the run: results JSON, HTML report, returns table.</param>
/// <param name="Summary">The headline numbers.</param>
/// <param name="Result">The full backtest when it was computed in this run; null when unchanged.</param>
/// <param name="Gates">The gate verdicts when computed in this run.</param>
/// <param name="Grid">The grid when one was run in this run.</param>
public sealed record BacktestStageResult(
    DatasetStatus Status, IReadOnlyList<string> Datasets, BacktestSummary Summary, BacktestResult? Result, GateVerdict? Gates, GridSearchResult? Grid);
