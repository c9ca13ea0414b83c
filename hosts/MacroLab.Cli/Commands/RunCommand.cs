using Amazon.SQS;
using MacroLab.Data.PointInTime;
using MacroLab.Trials;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest.Stages;
using MacroLab.Backtest.Strategies;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Models.Strategies;
using MacroLab.Registry;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary>
/// <c>macrolab run</c>: the whole pipeline on the bundled real data (or a configuration's sources), stage by stage:
/// ingest, features, signals, backtest, train, gates, register, promote, drift, decide, track, report. Unchanged stages are skipped.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "The pipeline configuration, YAML or JSON (macrolab config init writes the defaults with comments). Default: the built-in defaults.",
            HelpName = "file",
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "The folder the configuration's source paths are relative to (default: data.folder of the configuration, else the bundled samples/data beside the executable).",
            HelpName = "dir",
        };
        var from = new Option<string?>("--from") { Description = $"Start at this stage; earlier stages' outputs must be in the lake. Stages: {string.Join(", ", StageGraph.Names)}.", HelpName = "stage" };
        var until = new Option<string?>("--until") { Description = "Stop after this stage.", HelpName = "stage" };
        var force = new Option<bool>("--force") { Description = "Recompute every stage even when its inputs are unchanged (registration stays idempotent: an identical model is found, not registered twice)." };
        var parallel = new Option<int?>("--parallel") { Description = "The most grid trials at once (default: the processor count). Results do not depend on it.", HelpName = "n" };
        var policy = new Option<string?>("--policy") { Description = "Override features.policy: backfill or strict.", HelpName = "backfill|strict" };
        policy.AcceptOnlyFromAmong([.. VintagePolicyNames.All]);
        var staleness = new Option<int?>("--max-staleness") { Description = "Override features.maxStalenessDays.", HelpName = "days" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Also copy report.html and summary.json to this folder.", HelpName = "dir" };
        var actor = new Option<string>("--actor")
        {
            Description = "Who runs the pipeline, as recorded in the registry (default: user@host).",
            DefaultValueFactory = _ => $"{Environment.UserName}@{Environment.MachineName}",
            HelpName = "name",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Print the feature summary per series rather than per source." };
        Option<string> metrics = MetricsOption.Create();
        var outcomeRecord = new Option<bool>("--outcome-record")
        {
            Description = "For orchestrators: write each stage's outcome (written, unchanged or declined; the gates' verdict) to runs/outcomes/<actor>/<stage>.json in the lake's store, " +
                "and exit 0 when the model is rejected, so that the exit code means only failure and the verdict travels as data.",
        };
        var trialQueue = new Option<string?>("--trial-queue")
        {
            Description = $"Run the grid's trials on MacroLab.Worker processes through this SQS queue instead of in-process (default: ${TrialQueueVariable}). " +
                "Workloads and results go to the lake under work/trials/; results are identical to in-process ones.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TrialQueueVariable) is { Length: > 0 } url ? url : null,
            HelpName = "url",
        };
        var sqsEndpoint = new Option<string?>("--sqs-endpoint") { Description = "The SQS endpoint URL for --trial-queue, e.g. an emulator's.", HelpName = "url" };
        var lake = new LakeOptions();
        var registry = new RegistryCliOptions();
        var command = new Command("run",
            "Run the pipeline: ingest the sources (by default the bundled real data: every FRED-MD vintage 1999-08 .. 2023-06, the Philadelphia Fed's real-time workbooks, " +
            "Fama-French factors, H.15 yields, the CPI calendar and the concept declarations), build point-in-time Gold (and the same on revised data), " +
            "walk-forward CATE signals of macro surprises, backtest a grid of TorchSharp tilt models (MLP and Transformer-lite, refitted in every purged walk-forward fold) against benchmarks, " +
            "train the selected one on all realised data and export it to ONNX, apply the promotion gates, register the model with its lineage, make it champion if every gate passed, " +
            "store its drift reference, decide at the newest date with the champion (gold/decisions/<model>/<alias>), follow the champion's live record against its backtest (gold/track/<model>/<alias>) " +
            "and write the run report (gold/runs/<name>/report) with real-time coverage, the cost of revisions and a decision at every month end. " +
            "Unchanged stages are skipped. Exits 3 when the model fails a gate (it is registered, not promoted).")
        {
            config, data, from, until, force, parallel, policy, staleness, output, actor, verbose, trialQueue, sqsEndpoint, metrics, outcomeRecord,
        };
        lake.AddTo(command);
        registry.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            var clock = Stopwatch.StartNew();
            PipelineConfig settings = parse.GetValue(config) is { } file ? ConfigCommand.Read(file) : new PipelineConfig();
            settings = settings with
            {
                Features = settings.Features with
                {
                    Policy = parse.GetValue(policy) ?? settings.Features.Policy,
                    MaxStalenessDays = parse.GetValue(staleness) ?? settings.Features.MaxStalenessDays,
                },
                Models = settings.Models with { MaxParallelism = parse.GetValue(parallel) ?? settings.Models.MaxParallelism },
            };
            string source = parse.GetValue(config)?.FullName ?? "the default configuration with command-line overrides";
            PipelineConfigReader.Validate(settings, StrategyCatalog.BuiltIn.WithTiltModels(), source);
            IReadOnlyList<StageDefinition> stages = Stages(parse.GetValue(from), parse.GetValue(until));
            string folder = new SourceFolder(parse.GetValue(data)?.FullName, SampleData.DefaultFolder).Resolve(settings);
            if (stages.Any(s => s.Name == StageGraph.Ingest))
            {
                PipelineConfigReader.ValidateSourceFiles(settings, folder, source);
            }

            using ServiceProvider services = registry.Build(parse, lake, settings.Registry);
            using AmazonSQSClient? sqs = parse.GetValue(trialQueue) is null ? null
                : new SqsSettings { ServiceUrl = parse.GetValue(sqsEndpoint), Region = parse.GetValue(lake.S3Region) }.CreateClient();
            Lake store = services.GetRequiredService<Lake>();
            var context = new PipelineContext(store, services.GetRequiredService<IModelRegistry>(), settings, folder)
            {
                Force = parse.GetValue(force),
                Actor = parse.GetValue(actor)!,
                Executor = sqs is null ? null : new SqsTrialExecutor(sqs, store.Store, new SqsTrialExecutorOptions { QueueUrl = parse.GetValue(trialQueue)! }),
            };
            console.Out.WriteLine($"Pipeline {settings.Name}: lake {context.Lake.Store.Location}, registry {context.Registry.Location}, data {folder}");
            var runner = new PipelineRunner(context);
            var outcomes = new List<StepOutcome>();
            foreach (StageDefinition stage in stages)
            {
                StepOutcome outcome = await SpectreProgress.RunAsync(console.Error, stage.Name, progress => runner.RunStageAsync(stage, progress, cancellationToken));
                outcomes.Add(outcome);
                Print(console.Out, outcome, parse.GetValue(verbose));
                if (parse.GetValue(outcomeRecord))
                {
                    await StageOutcomeRecord.Of(outcome).WriteAsync(store.Store, context.Actor, cancellationToken);
                }
            }

            PipelineResult result = PipelineResult.Of(outcomes);
            if (result.Summary is { } summary)
            {
                Summaries.Run(console.Out, summary, PipelineOptions.DecisionDateWords(context.Config).Many);
                await CopyAsync(console, context.Lake, settings.Name, parse.GetValue(output), cancellationToken);
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Stage times: {string.Join(", ", outcomes.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Stage} {o.Elapsed.TotalSeconds:F1} s")))}"));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Done in {clock.Elapsed.TotalSeconds:F1} s: {outcomes.Count} stages, {outcomes.Count(o => o.Status == StepStatus.Written)} written, {outcomes.Count(o => o.Status == StepStatus.Unchanged)} unchanged."));
            MetricsOption.Write(console, parse.GetValue(metrics), PipelineMetrics.Of(settings.Name, outcomes, result, DateTimeOffset.UtcNow));

            if (outcomes.Select(o => o.Detail).OfType<MacroLab.Hosting.Monitoring.MonitorResult>().LastOrDefault() is { Check.Retrain: true } monitor
                && !outcomes.Any(o => o.Stage == StageGraph.Train))
            {
                console.Warn($"the retraining policy asks for a new run ({monitor.Check.Reason}); run the rest of the pipeline (exit code {ExitCodes.RetrainAsked}).");
                return ExitCodes.RetrainAsked;
            }

            if (result.Rejected && parse.GetValue(outcomeRecord))
            {
                console.Warn($"the model failed its promotion gates: it is registered with its gate report and was not promoted (the verdict is in {StageOutcomeRecord.Key(context.Actor, StageGraph.Gates)}).");
                return ExitCodes.Success;
            }

            if (result.Rejected)
            {
                console.Warn("the model failed its promotion gates: it is registered with its gate report and was not promoted (exit code 3).");
                return ExitCodes.Rejected;
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>The environment variable that names the trial queue when --trial-queue is not given (the cloud job's task definition sets it).</summary>
    public const string TrialQueueVariable = "MACROLAB_TRIAL_QUEUE";

    private static IReadOnlyList<StageDefinition> Stages(string? from, string? until)
    {
        try
        {
            return StageGraph.Between(from, until);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }
    }

    private static void Print(IAnsiConsole console, StepOutcome outcome, bool verbose)
    {
        string status = outcome.Status.ToString().ToLowerInvariant();
        switch (outcome.Detail)
        {
            case IReadOnlyList<IngestedDataset> ingested:
                console.MarkupLine(Markup.Escape($"Ingest ({status}):"));
                Summaries.Ingest(console, ingested);
                return;
            case FeatureStageResult features:
                Summaries.Features(console, features, verbose);
                return;
            case BacktestStageResult backtest:
                Summaries.Backtest(console, backtest);
                foreach (string note in outcome.Notes.Skip(1))
                {
                    console.MarkupLine(Markup.Escape($"  {note}"));
                }

                return;
        }

        string title = string.Concat(char.ToUpperInvariant(outcome.Stage[0]).ToString(), outcome.Stage[1..]);
        console.MarkupLine(Markup.Escape($"{title} ({status}): {(outcome.Datasets.Count == 0 ? string.Empty : string.Join(", ", outcome.Datasets))}").TrimEnd(' ', ':'));
        foreach (string note in outcome.Notes)
        {
            console.MarkupLine(Markup.Escape($"  {note}"));
        }
    }

    private static async Task CopyAsync(CliConsole console, Lake lake, string name, DirectoryInfo? folder, CancellationToken cancellationToken)
    {
        foreach (string dataset in (string[])[RunLayout.Report(name), RunLayout.Summary(name)])
        {
            DatasetManifest manifest = await lake.GetManifestAsync(dataset, cancellationToken) ?? throw new ObjectNotFoundException(lake.Store.Location, LakeLayout.ManifestKey(dataset));
            if (dataset == RunLayout.Report(name))
            {
                console.Out.WriteLine($"Report: {RunLayout.Locate(lake, manifest)}");
            }

            if (folder is null)
            {
                continue;
            }

            folder.Create();
            byte[] content = await lake.ReadContentAsync(manifest, cancellationToken);
            var target = new FileInfo(Path.Combine(folder.FullName, Path.GetFileName(manifest.DataKey)));
            await AtomicFile.WriteAsync(target, stream => stream.WriteAsync(content, cancellationToken).AsTask());
            console.Out.WriteLine($"Wrote {target.FullName}");
        }
    }
}
