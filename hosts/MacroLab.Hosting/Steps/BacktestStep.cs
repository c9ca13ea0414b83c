using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Stages;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Reporting;

namespace MacroLab.Hosting.Steps;

/// <summary>The nested search over the candidates' grids, then the benchmarks and the ablations on the same walk-forward, then the selected trial on revised data.</summary>
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

        var ablations = new List<(AblationConfig Config, BacktestStageResult Result)>();
        foreach (AblationConfig ablation in context.Config.Models.Ablations)
        {
            ablations.Add((ablation, await stage.RunAsync(PipelineOptions.Ablation(context.Config, ablation, context.Force), progress, cancellationToken).ConfigureAwait(false)));
        }

        // What a backtest blind to revisions would claim: the selected trial again, on revised features and signals.
        BacktestSummary s = search.Summary;
        (DatasetManifest resultsManifest, byte[] resultsJson) = await StepLake.ReadAsync(context, RunLayout.Results(context.Config.Name), Name, cancellationToken).ConfigureAwait(false);
        BacktestRecord selected = BacktestJson.Deserialize(resultsJson, resultsManifest.DataKey);
        BacktestStageResult revised = await stage.RunAsync(
            PipelineOptions.RevisedBacktest(context.Config, selected.Strategy, selected.Parameters, context.Force), progress, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"selected {s.Strategy} ({s.Parameters}) of {s.Trials} trials: out of sample {s.Start:yyyy-MM} .. {s.End:yyyy-MM}, Sharpe {s.Sharpe:0.000}, annual return {s.AnnualReturn:P2}, max drawdown {s.MaxDrawdown:P1}, DSR {s.DeflatedSharpe:0.000}"),
        };
        notes.AddRange(benchmarks.Select(b => string.Create(CultureInfo.InvariantCulture, $"benchmark {b.Summary.Strategy}: Sharpe {b.Summary.Sharpe:0.000}, annual return {b.Summary.AnnualReturn:P2}")));
        notes.AddRange(ablations.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"ablation {a.Config.Name}: Sharpe {a.Result.Summary.Sharpe:0.000} out of sample {a.Result.Summary.Start:yyyy-MM} .. {a.Result.Summary.End:yyyy-MM}")));
        double? realTime = SelectedTrial.Of(selected)?.Sharpe ?? s.Sharpe;
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"on revised data (the latest vintage, as a backtest blind to revisions would use it) the selected trial's Sharpe is {revised.Summary.Sharpe:0.000}, against {realTime:0.000} on real-time data"));
        bool written = search.Status == DatasetStatus.Written || revised.Status == DatasetStatus.Written || benchmarks.Exists(b => b.Status == DatasetStatus.Written)
            || ablations.Exists(a => a.Result.Status == DatasetStatus.Written);
        return new StepOutcome(
            Name, written ? StepStatus.Written : StepStatus.Unchanged,
            [.. search.Datasets, .. benchmarks.SelectMany(b => b.Datasets), .. ablations.SelectMany(a => a.Result.Datasets), .. revised.Datasets], notes, Stopwatch.GetElapsedTime(started))
        {
            Detail = search,
        };
    }
}
