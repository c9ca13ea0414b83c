using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Stages;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Steps;

/// <summary>The search over the candidates' grids, then the benchmarks on the same walk-forward.</summary>
internal sealed class BacktestStep : IPipelineStep
{
    public string Name => StageGraph.Backtest;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var stage = new BacktestStage(context.Lake, context.Executor, context.Catalog);
        BacktestStageResult search = await stage.RunAsync(PipelineOptions.ModelSearch(context.Config, context.Force), progress, cancellationToken).ConfigureAwait(false);
        var benchmarks = new List<BacktestStageResult>();
        foreach (BenchmarkConfig benchmark in context.Config.Models.Benchmarks)
        {
            benchmarks.Add(await stage.RunAsync(PipelineOptions.Benchmark(context.Config, benchmark, context.Force), progress, cancellationToken).ConfigureAwait(false));
        }

        // What a backtest blind to revisions would claim: the selected trial again, on revised features and signals.
        BacktestSummary s = search.Summary;
        (DatasetManifest resultsManifest, byte[] resultsJson) = await StepLake.ReadAsync(context, RunLayout.Results(context.Config.Name), Name, cancellationToken).ConfigureAwait(false);
        BacktestDocument selected = BacktestDocuments.ReadResult(resultsJson, resultsManifest.DataKey);
        BacktestStageResult revised = await stage.RunAsync(
            PipelineOptions.RevisedBacktest(context.Config, selected.Strategy, selected.Parameters, context.Force), progress, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"selected {s.Strategy} ({s.Parameters}) of {s.Trials} trials: out of sample {s.Start:yyyy-MM} .. {s.End:yyyy-MM}, Sharpe {s.Sharpe:0.000}, annual return {s.AnnualReturn:P2}, max drawdown {s.MaxDrawdown:P1}, DSR {s.DeflatedSharpe:0.000}"),
        };
        notes.AddRange(benchmarks.Select(b => string.Create(CultureInfo.InvariantCulture, $"benchmark {b.Summary.Strategy}: Sharpe {b.Summary.Sharpe:0.000}, annual return {b.Summary.AnnualReturn:P2}")));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"on revised data (the latest vintage, as a backtest blind to revisions would use it) the selected trial's Sharpe is {revised.Summary.Sharpe:0.000}, against {s.Sharpe:0.000} on real-time data"));
        bool written = search.Status == DatasetStatus.Written || revised.Status == DatasetStatus.Written || benchmarks.Exists(b => b.Status == DatasetStatus.Written);
        return new StepOutcome(Name, written ? StepStatus.Written : StepStatus.Unchanged, [.. search.Datasets, .. benchmarks.SelectMany(b => b.Datasets), .. revised.Datasets], notes, Stopwatch.GetElapsedTime(started))
        {
            Detail = search,
        };
    }
}
