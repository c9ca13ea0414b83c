namespace MacroLab.Backtest.Grid;

/// <summary>A candidate of a search: a strategy of the catalog and the grid of its parameters (a one-value entry fixes a parameter).</summary>
/// <param name="Strategy">The strategy's name in the catalog, e.g. <c>tilt-mlp</c>.</param>
/// <param name="Grid">Its parameters; every combination is a trial.</param>
public sealed record StrategyGrid(string Strategy, ParameterGrid Grid);
