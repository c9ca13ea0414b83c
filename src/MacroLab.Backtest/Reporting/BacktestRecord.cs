using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Metrics;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Reporting;

/// <summary>
/// The record of a backtest run: what later stages (gates, registration, reports) and other tools read without re-running
/// anything. <see cref="Of"/> records a run; <see cref="BacktestJson"/> writes it as <c>results.json</c> and reads it back.
/// </summary>
public sealed record BacktestRecord
{
    /// <summary>The layout version of its JSON form.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The run's name.</summary>
    public required string Name { get; init; }

    /// <summary>The MacroLab.Backtest version that ran it.</summary>
    public required string CodeVersion { get; init; }

    /// <summary>The (selected) strategy.</summary>
    public required string Strategy { get; init; }

    /// <summary>Its parameters.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The data it ran on.</summary>
    public required DatasetSummary Dataset { get; init; }

    /// <summary>The backtest options.</summary>
    public required BacktestOptions Options { get; init; }

    /// <summary>The out-of-sample metrics, net of costs.</summary>
    public required PerformanceMetrics Metrics { get; init; }

    /// <summary>Turnover, costs and leverage.</summary>
    public required TradingStatistics Trading { get; init; }

    /// <summary>Each walk-forward fold.</summary>
    public required IReadOnlyList<FoldSummary> Folds { get; init; }

    /// <summary>The metrics of every combinatorial path, or null for a walk-forward run.</summary>
    public IReadOnlyList<PerformanceMetrics>? Paths { get; init; }

    /// <summary>The gate verdicts, or null when not evaluated.</summary>
    public GateVerdict? Gates { get; init; }

    /// <summary>The grid, or null for a single run.</summary>
    public GridSummary? Grid { get; init; }

    /// <summary>How the grid selected (nested inside the walk-forward, or global with hindsight) and each refit's choice; null for a single run.</summary>
    public GridSelection? Selection { get; init; }

    /// <summary>The lockbox: the final decisions held out of this run (no selection, tuning or gate saw them); null when none are.</summary>
    public HeldOutSpan? HeldOut { get; init; }

    /// <summary>Every out-of-sample period's returns and held weights.</summary>
    public required IReadOnlyList<BacktestPeriod> Returns { get; init; }

    /// <summary>The record of a backtest run: options, metrics, folds, gates, the grid's trials and every period's returns and weights.</summary>
    /// <param name="name">The run's name.</param>
    /// <param name="data">The dataset it ran on.</param>
    /// <param name="result">The (selected) backtest.</param>
    /// <param name="gates">The gate verdicts, if evaluated.</param>
    /// <param name="grid">The grid, if one was run.</param>
    /// <param name="heldOut">The lockbox held out of <paramref name="data"/>, if any.</param>
    public static BacktestRecord Of(string name, BacktestDataset data, BacktestResult result, GateVerdict? gates = null, GridSearchResult? grid = null, HeldOutSpan? heldOut = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        int assets = result.Assets.Count;
        var periods = new BacktestPeriod[result.NetReturns.Count];
        for (int t = 0; t < periods.Length; t++)
        {
            periods[t] = new BacktestPeriod(
                result.NetReturns.Dates[t], result.NetReturns.Values[t], result.GrossReturns.Values[t], result.Simulation.Costs[t], result.Simulation.Turnover[t],
                result.Simulation.GrossLeverage[t], result.RiskFree?.Values[t], result.Simulation.HeldWeights.AsSpan(t * assets, assets).ToArray());
        }

        return new BacktestRecord
        {
            Name = name,
            CodeVersion = Fingerprints.CodeVersion,
            Strategy = result.Strategy,
            Parameters = result.Parameters,
            Dataset = new DatasetSummary(
                Fingerprints.Dataset(data), data.Dates[0], data.Dates[^1], data.Assets, data.RiskFreeAsset >= 0 ? data.Assets[data.RiskFreeAsset] : null, data.FeatureCount),
            Options = result.Options,
            Metrics = result.Metrics,
            Trading = result.Trading,
            Folds = [.. result.Folds.Select(f => new FoldSummary(
                f.Index, f.TrainStart, f.TrainEnd, f.TrainSamples, f.TestStart, f.TestEnd, f.TestPeriods, f.Metrics?.Sharpe, f.Metrics?.AnnualReturn, f.Metrics?.MaxDrawdown.Depth))],
            Paths = result.Paths,
            Gates = gates,
            Grid = grid is null ? null : new GridSummary(grid.Experiment, grid.Trials.Count, grid.Selected?.Trial.Id, grid.Reason, [.. grid.Trials.Select(t => t with { Record = null })]),
            HeldOut = heldOut,
            Selection = grid is null ? null : new GridSelection(grid.Mode, grid.Reason, grid.Steps, grid.FinalStep),
            Returns = periods,
        };
    }
}
