using System.Globalization;
using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Strategies;

namespace MacroLab.Backtest.Grid;

/// <summary>
/// Hyper-parameter search where every trial is a full walk-forward backtest. Selection drops trials that break the drawdown
/// or turnover constraints (as LEAN's optimizer) and, by default, happens inside the walk-forward (<see cref="SelectionMode.Nested"/>):
/// at each refit the best trial on the months realised by then trades the next window, and the reported record is the
/// stitched result of those choices. <see cref="SelectionMode.Global"/> takes the highest mean out-of-sample fold Sharpe
/// ratio over the whole record instead (with hindsight). Ties go to the lower grid index. The number of trials and their
/// Sharpe ratios feed the record's Deflated Sharpe Ratio. Finished trials are stored as they finish, so a re-run after an
/// interruption only runs what is missing.
/// </summary>
public sealed class GridSearch
{
    private readonly BacktestOptions _backtest;
    private readonly GridSearchOptions _options;
    private readonly ITrialExecutor _executor;
    private readonly ITrialStore? _store;
    private readonly StrategyCatalog _catalog;

    /// <summary>A grid search.</summary>
    /// <param name="backtest">The backtest every trial runs.</param>
    /// <param name="options">Selection constraints (defaults when null).</param>
    /// <param name="executor">Where trials run (in-process, parallel, when null).</param>
    /// <param name="store">Where finished trials are kept for resuming (none when null).</param>
    /// <param name="catalog">Where strategies are found by name (<see cref="StrategyCatalog.BuiltIn"/> when null).</param>
    public GridSearch(BacktestOptions backtest, GridSearchOptions? options = null, ITrialExecutor? executor = null, ITrialStore? store = null, StrategyCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        _backtest = backtest;
        _options = options ?? new GridSearchOptions();
        _executor = executor ?? new InProcessTrialExecutor();
        _store = store;
        _catalog = catalog ?? StrategyCatalog.BuiltIn;
    }

    /// <summary>Runs the grid of the catalog's strategy <paramref name="strategy"/> on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The grid, a trial's parameters or the options are invalid; raised before any trial runs.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; trials finished so far are kept in the store.</exception>
    public Task<GridSearchResult> RunAsync(
        BacktestDataset data, string strategy, ParameterGrid grid, IProgress<TrialProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        ArgumentNullException.ThrowIfNull(grid);
        return RunAsync(data, [new StrategyGrid(strategy, grid)], progress, cancellationToken);
    }

    /// <summary>
    /// Runs the grids of several candidate strategies as one search (e.g. an MLP grid and a Transformer grid): trials are
    /// numbered across the candidates in order, selection is over all of them, and the winner's Deflated Sharpe Ratio
    /// counts every trial of every candidate.
    /// </summary>
    /// <exception cref="ArgumentException">No candidate, or a grid, a trial's parameters or the options are invalid; raised before any trial runs.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; trials finished so far are kept in the store.</exception>
    public async Task<GridSearchResult> RunAsync(
        BacktestDataset data, IReadOnlyList<StrategyGrid> candidates, IProgress<TrialProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("A search needs at least one candidate strategy.", nameof(candidates));
        }

        TrialSpec[] trials =
        [
            .. candidates.SelectMany(c => c.Grid.Combinations().Select(parameters => (c.Strategy, Parameters: parameters)))
                .Select((t, i) => new TrialSpec { Index = i, Strategy = t.Strategy, Parameters = t.Parameters }),
        ];
        string strategy = string.Join("+", candidates.Select(c => c.Strategy));

        // Fail on any bad trial before running one.
        _options.Validate();
        int horizon = 0;
        foreach (TrialSpec trial in trials)
        {
            ITiltStrategy created = _catalog.Create(trial.Strategy, trial.Parameters);
            _backtest.Validate(created.LabelHorizon, data.AssetCount);
            horizon = Math.Max(horizon, created.LabelHorizon);
        }

        string experiment = Fingerprints.Experiment(data, _backtest, strategy, trials);
        var outcomes = new TrialOutcome?[trials.Length];
        int reused = 0;
        if (_store is not null)
        {
            foreach (TrialSpec trial in trials)
            {
                if (await _store.TryLoadAsync(experiment, trial, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    outcomes[trial.Index] = stored;
                    progress?.Report(new TrialProgress(++reused, trials.Length, trial, true));
                }
            }
        }

        TrialSpec[] missing = [.. trials.Where(t => outcomes[t.Index] is null)];
        var runner = new Runner(new TrialWorkload(experiment, data, _backtest), _store, _catalog);
        var offset = new Progress(progress, reused, trials.Length);
        IReadOnlyList<TrialOutcome> ran = await _executor.ExecuteAsync(missing, runner, offset, cancellationToken).ConfigureAwait(false);
        for (int k = 0; k < missing.Length; k++)
        {
            outcomes[missing[k].Index] = ran[k];
        }

        TrialOutcome[] all = [.. outcomes.Select(o => o!)];
        return _options.Mode == SelectionMode.Nested
            ? SelectNested(data, experiment, all, reused, horizon)
            : Select(data, experiment, all, reused, cancellationToken);
    }

    private GridSearchResult Select(BacktestDataset data, string experiment, TrialOutcome[] trials, int reused, CancellationToken cancellationToken)
    {
        TrialOutcome? best = null;
        int eligible = 0;
        foreach (TrialOutcome trial in trials)
        {
            bool meets = trial.MeanFoldSharpe is not null
                && (_options.MaxDrawdown is not { } maxDrawdown || trial.MaxDrawdown <= maxDrawdown)
                && (_options.MaxAnnualTurnover is not { } maxTurnover || trial.AnnualTurnover <= maxTurnover);
            if (!meets)
            {
                continue;
            }

            eligible++;
            if (best is null || trial.MeanFoldSharpe > best.MeanFoldSharpe)
            {
                best = trial; // strictly greater: ties keep the lower index
            }
        }

        if (best is null)
        {
            return new GridSearchResult(experiment, trials, null, null, reused,
                $"none of the {trials.Length} trials meets the constraints (max drawdown {Show(_options.MaxDrawdown)}, max annual turnover {Show(_options.MaxAnnualTurnover)})");
        }

        BacktestResult result = Deflate(new WalkForwardBacktest(_backtest).Run(data, _catalog.Create(best.Trial.Strategy, best.Trial.Parameters), cancellationToken), trials);

        string reason = string.Create(CultureInfo.InvariantCulture,
            $"trial {best.Trial.Index} ({best.Trial.Id}) has the highest mean out-of-sample fold Sharpe {best.MeanFoldSharpe:0.###} among {eligible} of {trials.Length} trials meeting the constraints");
        return new GridSearchResult(experiment, trials, best, result, reused, reason);
    }

    private GridSearchResult SelectNested(BacktestDataset data, string experiment, TrialOutcome[] trials, int reused, int horizon)
    {
        (NestedSelection.Outcome? nested, _, string reason) = NestedSelection.Run(data, _backtest, _options, trials, horizon, trial =>
        {
            ITiltStrategy strategy = _catalog.Create(trial.Trial.Strategy, trial.Trial.Parameters);
            return (strategy.Name, strategy.Parameters);
        });
        if (nested is null)
        {
            return new GridSearchResult(experiment, trials, null, null, reused, reason);
        }

        return new GridSearchResult(experiment, trials, nested.Final, Deflate(nested.Record, trials), reused, reason)
        {
            Mode = SelectionMode.Nested,
            Steps = nested.Steps,
            FinalStep = nested.FinalStep,
        };
    }

    /// <summary>The result's metrics with the Deflated Sharpe Ratio over the grid's trials (when there are at least two).</summary>
    private BacktestResult Deflate(BacktestResult result, TrialOutcome[] trials)
    {
        double[] sharpes = [.. trials.Select(t => t.PerPeriodSharpe).OfType<double>()];
        return sharpes.Length < 2 ? result : result.WithMetrics(PerformanceMetrics.Compute(result.NetReturns, new MetricsOptions
        {
            PeriodsPerYear = _backtest.PeriodsPerYear,
            RiskFree = result.RiskFree,
            TrialSharpes = sharpes,
        }));
    }

    private static string Show(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private sealed class Runner(TrialWorkload workload, ITrialStore? store, StrategyCatalog catalog) : IPortableTrialRunner
    {
        public TrialWorkload Workload => workload;

        public async Task<TrialOutcome> RunAsync(TrialSpec trial, CancellationToken cancellationToken)
        {
            TrialOutcome outcome = workload.Run(trial, catalog, cancellationToken);
            if (store is not null)
            {
                await store.SaveAsync(workload.Experiment, outcome, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }
    }

    private sealed class Progress(IProgress<TrialProgress>? inner, int reused, int total) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => inner?.Report(value with { Completed = value.Completed + reused, Total = total });
    }
}
