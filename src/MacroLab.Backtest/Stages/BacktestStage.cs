using System.Globalization;
using System.Text;
using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Strategies;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Stages;

/// <summary>
/// The backtest stage on the lake: reads Gold features (plus any Gold signal sets named in the options) and labels, runs one strategy or a grid through purged walk-forward,
/// evaluates the gates and commits, all-or-nothing, under <c>gold/backtests/&lt;name&gt;/</c>: <c>results</c> (results.json),
/// <c>report</c> (report.html) and <c>returns</c> (a table of net and gross returns, costs, turnover and held weights). Grid
/// trials are kept under <c>trials/</c> as they finish, so an interrupted grid resumes. A run whose inputs and options match
/// the existing manifests is skipped unless forced.
/// </summary>
public sealed class BacktestStage
{
    /// <summary>The stage's name in manifests.</summary>
    public const string Name = "backtest";

    // Bump when the computation changes, so existing results are recomputed.
    private const int Version = 1;

    private readonly Lake _lake;
    private readonly ITrialExecutor? _executor;
    private readonly StrategyCatalog _catalog;

    /// <summary>A backtest stage on <paramref name="lake"/>.</summary>
    /// <param name="lake">The lake to read Gold from and write results to.</param>
    /// <param name="executor">Where grid trials run; null for in-process with <see cref="BacktestStageOptions.MaxParallelism"/>.</param>
    /// <param name="catalog">Where strategies are found by name; <see cref="StrategyCatalog.BuiltIn"/> when null.</param>
    public BacktestStage(Lake lake, ITrialExecutor? executor = null, StrategyCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _lake = lake;
        _executor = executor;
        _catalog = catalog ?? StrategyCatalog.BuiltIn;
    }

    /// <summary>Runs the stage.</summary>
    /// <exception cref="InvalidOperationException">Gold features or labels are missing (run the feature stage first).</exception>
    /// <exception cref="ArgumentException">Invalid options, strategy parameters or grid; raised before anything is written.</exception>
    /// <exception cref="LookAheadException">The strategy looked ahead.</exception>
    /// <exception cref="NoEligibleTrialException">No grid trial met the selection constraints; nothing is written.</exception>
    public async Task<BacktestStageResult> RunAsync(BacktestStageOptions options, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Progress counts one step per grid trial, so that the bar moves while the trials run.
        int trials = options.Search?.Sum(c => c.Grid.Count) ?? 1;
        int steps = trials + 3;
        options.Gates.Validate();
        progress?.Report(new StageProgress(Name, "reading Gold", 0, steps));
        GoldDatasetRequest request = options.GoldData;
        IReadOnlyList<DatasetManifest> inputs = await GoldDataset.ResolveAsync(_lake, request, cancellationToken).ConfigureAwait(false);
        string folder = LakeLayout.GoldBacktest(options.Name);
        string resultsKey = $"{folder}/results", reportKey = $"{folder}/report", returnsKey = $"{folder}/returns";
        string[] outputs = [resultsKey, reportKey, returnsKey];
        DatasetRecipe recipe = Recipe(options, inputs);
        BacktestStageResult run = await StageRun.RunAsync(_lake, outputs, recipe, options.Force,
            existing =>
            {
                progress?.Report(new StageProgress(Name, "up to date", steps, steps));
                return new BacktestStageResult(DatasetStatus.Unchanged, outputs, SummaryFrom(existing[0].Properties), null, null, null);
            },
            async (transaction, token) =>
            {
                BacktestDataset full = BacktestDataset.FromGold(await GoldDataset.ReadAsync(_lake, request, inputs, token).ConfigureAwait(false));
                (BacktestDataset data, HeldOutSpan? heldOut) = HoldOut(full, options.HoldOutPeriods, options.Name);

                BacktestResult result;
                GridSearchResult? grid = null;
                if (options.Search is { } candidates)
                {
                    progress?.Report(new StageProgress(Name, $"grid of {trials} trials", 1, steps));
                    var search = new GridSearch(
                        options.Backtest, options.GridSearch, _executor ?? new InProcessTrialExecutor(options.MaxParallelism), TrialStore(options, folder), _catalog);
                    var trialProgress = new TrialProgressAdapter(progress, steps, _lake.TimeProvider);
                    grid = await search.RunAsync(data, candidates, trialProgress, token).ConfigureAwait(false);
                    result = grid.SelectedResult ?? throw new NoEligibleTrialException($"Backtest '{options.Name}': {grid.Reason}; nothing was written. Loosen 'selection' or widen the grid.");
                }
                else
                {
                    progress?.Report(new StageProgress(Name, $"walk-forward {options.Strategy}", 1, steps));
                    ITiltStrategy strategy = _catalog.Create(options.Strategy, options.Parameters);
                    result = await Task.Run(() => new WalkForwardBacktest(options.Backtest).Run(data, strategy, token), token).ConfigureAwait(false);
                }

                progress?.Report(new StageProgress(Name, "gates and report", steps - 2, steps));
                GateVerdict gates = MetricGates.Evaluate(result.Metrics, result.Trading, options.Gates);
                BacktestSummary summary = Summarize(result, gates, grid);
                IReadOnlyDictionary<string, string> properties = PropertiesOf(summary);

                transaction.AddFile(resultsKey, "results.json", BacktestJson.Serialize(BacktestRecord.Of(options.Name, data, result, gates, grid, heldOut)), "application/json", recipe, properties);
                transaction.AddFile(reportKey, "report.html", Encoding.UTF8.GetBytes(HtmlReport.Render(options.Name, result, gates, grid)), "text/html", recipe, properties);
                await transaction.AddTableAsync(returnsKey, ReturnsTable(result), recipe, properties, token).ConfigureAwait(false);
                progress?.Report(new StageProgress(Name, "committing", steps - 1, steps));
                return new BacktestStageResult(DatasetStatus.Written, outputs, summary, result, gates, grid);
            },
            cancellationToken).ConfigureAwait(false);
        if (run.Status == DatasetStatus.Written)
        {
            progress?.Report(new StageProgress(Name, "done", steps, steps));
        }

        return run;
    }

    /// <summary>The decisions before the held-out span, and the span; the whole dataset when nothing is held out.</summary>
    /// <exception cref="ArgumentException">Holding out that many periods leaves too little data.</exception>
    private static (BacktestDataset Data, HeldOutSpan? HeldOut) HoldOut(BacktestDataset data, int periods, string name)
    {
        if (periods <= 0)
        {
            return (data, null);
        }

        if (periods >= data.RowCount - 1)
        {
            throw new ArgumentException($"Backtest '{name}': holding out the last {periods} of {data.RowCount} decision dates leaves nothing to backtest; lower lockbox.periods.");
        }

        int first = data.RowCount - periods;
        return (data.Head(first), new HeldOutSpan(data.Dates[first], data.Dates[^1], periods));
    }

    /// <summary>Finished trials under <c>trials/</c>; a forced run recomputes every trial (and still saves them).</summary>
    private ITrialStore TrialStore(BacktestStageOptions options, string folder)
    {
        var store = new ObjectStoreTrialStore(_lake.Store, $"{folder}/trials");
        return options.Force ? new RecomputingTrialStore(store) : store;
    }

    private static DatasetRecipe Recipe(BacktestStageOptions options, IReadOnlyList<DatasetManifest> inputs)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["strategy"] = options.Search is { } search ? string.Join("+", search.Select(c => c.Strategy)) : options.Strategy,
            ["parameters"] = options.Search is null ? string.Join(",", options.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) : "-",
            ["grid"] = options.Search is { } candidates
                ? string.Join("|", candidates.Select(c => c.Strategy + ":" + string.Join(";", c.Grid.Combinations().Select(t => string.Join(",", t.Select(p => $"{p.Key}={p.Value}"))))))
                : "-",
            ["assets"] = options.Assets is { } assets ? string.Join(",", assets) : "*",
            ["features"] = options.Features is { } features ? string.Join(",", features) : "*",
            ["riskFree"] = options.RiskFreeAsset ?? "-",
            ["start"] = options.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
            ["end"] = options.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
            ["backtest"] = Fingerprints.Options(options.Backtest),
            ["gates"] = options.Gates.ToString(),
            ["selection"] = options.GridSearch.ToString(),
            ["holdOut"] = options.HoldOutPeriods.ToString(CultureInfo.InvariantCulture),
            ["code"] = Fingerprints.CodeVersion,
        };
        if (options.Frequency != MacroLab.Data.PointInTime.DecisionFrequency.MonthEnd)
        {
            parameters["frequency"] = options.Frequency.ToString(); // only then, so that monthly backtests keep their fingerprints
        }

        if (options.SignalIntervals)
        {
            parameters["signalIntervals"] = "true"; // only when on, so that runs without them keep their fingerprints
        }

        return new DatasetRecipe(Name, Version, parameters, [.. inputs.Select(m => new DatasetInput(m.Dataset, m.ContentSha256))]);
    }

    /// <summary>The summary; a grid's winner shows the parameters its trial gave (the strategy's full resolved set is in results.json).</summary>
    private static BacktestSummary Summarize(BacktestResult result, GateVerdict gates, GridSearchResult? grid)
    {
        PerformanceMetrics m = result.Metrics;
        IReadOnlyDictionary<string, string> parameters = grid?.Selected?.Trial.Parameters ?? result.Parameters;
        return new BacktestSummary(
            result.Strategy, string.Join(",", parameters.Select(p => $"{p.Key}={p.Value}")), m.Periods, m.Start, m.End, m.AnnualReturn, m.Sharpe,
            m.MaxDrawdown.Depth, result.Trading.AnnualTurnover, m.Dsr ?? (m.Trials is null ? m.Psr : null), grid?.Trials.Count ?? 1, gates.Passed, gates.Summary);
    }

    private static SortedDictionary<string, string> PropertiesOf(BacktestSummary s) => new(StringComparer.Ordinal)
    {
        ["strategy"] = s.Strategy,
        ["parameters"] = s.Parameters,
        ["periods"] = s.Periods.ToString(CultureInfo.InvariantCulture),
        ["start"] = s.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["end"] = s.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["annualReturn"] = s.AnnualReturn.ToString("R", CultureInfo.InvariantCulture),
        ["sharpe"] = s.Sharpe?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
        ["maxDrawdown"] = s.MaxDrawdown.ToString("R", CultureInfo.InvariantCulture),
        ["annualTurnover"] = s.AnnualTurnover.ToString("R", CultureInfo.InvariantCulture),
        ["deflatedSharpe"] = s.DeflatedSharpe?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
        ["trials"] = s.Trials.ToString(CultureInfo.InvariantCulture),
        ["gatesPassed"] = s.GatesPassed ? "true" : "false",
        ["gateSummary"] = s.GateSummary,
    };

    private static BacktestSummary SummaryFrom(IReadOnlyDictionary<string, string> p)
    {
        string Get(string name) => p.TryGetValue(name, out string? value) ? value : string.Empty;
        double? Number(string name) => double.TryParse(Get(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;
        return new BacktestSummary(
            Get("strategy"), Get("parameters"), (int)(Number("periods") ?? 0),
            DateOnly.TryParse(Get("start"), CultureInfo.InvariantCulture, out DateOnly start) ? start : default,
            DateOnly.TryParse(Get("end"), CultureInfo.InvariantCulture, out DateOnly end) ? end : default,
            Number("annualReturn") ?? double.NaN, Number("sharpe"), Number("maxDrawdown") ?? double.NaN, Number("annualTurnover") ?? double.NaN,
            Number("deflatedSharpe"), (int)(Number("trials") ?? 1), Get("gatesPassed") == "true", Get("gateSummary"));
    }

    private static TimeSeriesTable ReturnsTable(BacktestResult result)
    {
        int periods = result.NetReturns.Count, assets = result.Assets.Count;
        var columns = new List<string> { "net", "gross", "cost", "turnover", "gross_leverage" };
        List<double[]> values =
        [
            result.NetReturns.Values.ToArray(), result.GrossReturns.Values.ToArray(), [.. result.Simulation.Costs], [.. result.Simulation.Turnover], [.. result.Simulation.GrossLeverage],
        ];
        for (int a = 0; a < assets; a++)
        {
            columns.Add($"weight.{result.Assets[a]}");
            values.Add([.. Enumerable.Range(0, periods).Select(t => result.Simulation.HeldWeights[(t * assets) + a])]);
        }

        return TimeSeriesTable.Create(result.NetReturns.Dates, columns, values);
    }

    /// <summary>
    /// Forwards trial progress as stage progress synchronously and one report at a time: trials finish on several threads,
    /// and <see cref="Progress{T}"/> would post reports to the thread pool, where they could arrive after the stage returned.
    /// </summary>
    /// <summary>
    /// Grid progress as stage progress: trials done out of all (reused ones from an interrupted run counted apart), and an
    /// estimate of the time left from the trials computed so far.
    /// </summary>
    private sealed class TrialProgressAdapter(IProgress<StageProgress>? inner, int steps, TimeProvider time) : IProgress<TrialProgress>
    {
        private readonly Lock _gate = new();
        private readonly long _started = time.GetTimestamp();
        private int _reused;

        public void Report(TrialProgress value)
        {
            if (inner is null)
            {
                return;
            }

            lock (_gate)
            {
                _reused += value.Reused ? 1 : 0;
                int computed = value.Completed - _reused, left = value.Total - value.Completed;
                string reused = _reused > 0 ? string.Create(CultureInfo.InvariantCulture, $", {_reused} reused") : string.Empty;
                string eta = string.Empty;
                if (!value.Reused && computed > 0 && left > 0)
                {
                    // Trials run in parallel, so the pace observed so far (wall time per trial) already includes it.
                    TimeSpan remaining = time.GetElapsedTime(_started) / computed * left;
                    eta = string.Create(CultureInfo.InvariantCulture, $", about {(int)remaining.TotalMinutes}:{remaining.Seconds:00} left");
                }

                inner.Report(new StageProgress(Name, string.Create(CultureInfo.InvariantCulture, $"trials {value.Completed}/{value.Total} done{reused}{eta}"), 1 + value.Completed, steps));
            }
        }
    }
}
