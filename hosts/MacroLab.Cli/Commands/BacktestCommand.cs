using System.Globalization;
using MacroLab.Backtest.Reporting;
using MacroLab.Hosting.Steps;
using MacroLab.Registry;
using Spectre.Console;
using System.CommandLine;
using MacroLab.Backtest.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab backtest</c>: walk-forward backtest (one strategy or a grid), gates and report, on the lake.</summary>
internal static class BacktestCommand
{
    public static Command Create(CliConsole console)
    {
        var lake = new LakeOptions();
        var backtest = new BacktestCliOptions();
        var registry = new RegistryCliOptions();
        var command = new Command("backtest",
            "Backtest a strategy, or a grid of its parameters, on Gold features and labels: purged walk-forward refits, a cost-aware simulation, metrics, " +
            "promotion gates. Writes results.json, report.html and a returns table to gold/backtests/<name>/. Grid trials are kept as they finish, so an " +
            "interrupted grid resumes. A grid's trials join the registry's trial ledger (the lake's SQLite registry, or --registry), so that later " +
            "Deflated Sharpe Ratios on the same data count them. Without --config: the bundled default (a 20-trial ridge grid).");
        lake.AddTo(command);
        registry.AddTo(command);
        backtest.AddTo(command, withStrategy: true);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            BacktestStageOptions options = backtest.ToStageOptions(parse, SampleData.DefaultBacktest(), force: false);
            // An s3:// lake holds no embedded registry: without --registry the trials are not recorded (and it says so).
            bool s3 = (parse.GetValue(lake.Lake) ?? LakeOptions.DefaultLake).StartsWith("s3://", StringComparison.Ordinal);
            bool registryGiven = parse.GetValue(registry.Backend) is not null || parse.GetValue(registry.SqliteFile) is not null;
            using ServiceProvider services = s3 && !registryGiven ? lake.Build(parse, mustExist: true) : registry.Build(parse, lake, mustExist: true);
            Lake store = services.GetRequiredService<Lake>();
            foreach (string dataset in (string[])[LakeLayout.GoldFeatures(options.FeatureSet), LakeLayout.GoldLabels(options.Universe)])
            {
                if (await store.ResolveAsync(dataset, cancellationToken) is null)
                {
                    console.Fail($"the lake at {store.Store.Location} has no {dataset}: run the feature stage first ('macrolab features', or 'macrolab run' for the bundled data).");
                    return ExitCodes.NoInput;
                }
            }

            await RunStageAsync(console, store, options, parse.GetValue(backtest.Out), cancellationToken);
            await RecordTrialsAsync(console, store, services.GetService<IModelRegistry>(), options.Name, cancellationToken);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Adds a grid's trials to the registry's trial ledger under the lineage of the data they ran on (idempotent).</summary>
    private static async Task RecordTrialsAsync(CliConsole console, Lake lake, IModelRegistry? registry, string name, CancellationToken cancellationToken)
    {
        DatasetManifest? manifest = await lake.GetManifestAsync($"{LakeLayout.GoldBacktest(name)}/results", cancellationToken);
        if (manifest is null)
        {
            return;
        }

        BacktestRecord results = BacktestJson.Deserialize(await lake.ReadContentAsync(manifest, cancellationToken), manifest.DataKey);
        if (results.Grid is null)
        {
            return;
        }

        if (registry is null)
        {
            console.Out.WriteLine("Ledger: the trials are not recorded (an s3:// lake has no embedded registry; pass --registry dynamodb or --registry-file).");
            return;
        }

        string lineage = TrialLedger.LineageOf(manifest);
        LedgerEntry[] trials = [.. TrialLedger.Trials(lineage, name, manifest, results)];
        int added = await registry.RecordLedgerEntriesAsync(trials, $"{Environment.UserName}@{Environment.MachineName}", cancellationToken);
        int total = (await registry.GetLedgerAsync(lineage, cancellationToken)).Count(e => e.Kind == LedgerEntryKind.Trial);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ledger: {added} new of {trials.Length} trials recorded on lineage {lineage}; {total} trials in all on this data ({registry.Location})"));
    }

    /// <summary>Runs the stage with progress, prints its summary and copies the files to <paramref name="outFolder"/> if asked.</summary>
    public static async Task<BacktestStageResult> RunStageAsync(CliConsole console, Lake lake, BacktestStageOptions options, DirectoryInfo? outFolder, CancellationToken cancellationToken)
    {
        var stage = new BacktestStage(lake);
        BacktestStageResult result = await SpectreProgress.RunAsync(console.Error, "backtest", progress => stage.RunAsync(options, progress, cancellationToken));
        Summaries.Backtest(console.Out, result);
        if (outFolder is not null)
        {
            outFolder.Create();
            foreach (string dataset in result.Datasets.Where(d => !d.EndsWith("/returns", StringComparison.Ordinal)))
            {
                DatasetManifest manifest = await lake.GetManifestAsync(dataset, cancellationToken)
                    ?? throw new ObjectNotFoundException(lake.Store.Location, LakeLayout.ManifestKey(dataset));
                byte[] content = await lake.ReadContentAsync(manifest, cancellationToken);
                var target = new FileInfo(Path.Combine(outFolder.FullName, Path.GetFileName(manifest.DataKey)));
                await AtomicFile.WriteAsync(target, stream => stream.WriteAsync(content, cancellationToken).AsTask());
                console.Out.WriteLine($"Wrote {target.FullName}");
            }
        }

        return result;
    }
}
