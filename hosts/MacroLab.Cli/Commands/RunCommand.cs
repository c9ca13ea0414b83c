using Spectre.Console;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest.Stages;
using MacroLab.Causal.Stages;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab run</c>: the main job on the bundled real data. Ingest, features, backtest and gates.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "The sample data folder (default: the bundled copy of samples/data beside the executable).",
            HelpName = "dir",
        };
        var lake = new LakeOptions();
        var features = new FeatureOptions();
        var backtest = new BacktestCliOptions();
        var command = new Command("run",
            "Run the pipeline on the bundled real data: ingest FRED-MD vintages, Fama-French factors, H.15 yields and the CPI calendar into Bronze and Silver, " +
            "then build point-in-time Gold features and labels, walk-forward CATE signals of CPI surprises, then backtest a ridge tilt grid with purged walk-forward and evaluate the promotion gates " +
            "(report in gold/backtests/<name>/). Unchanged stages are skipped.")
        {
            data,
        };
        lake.AddTo(command);
        features.AddTo(command);
        backtest.AddTo(command, withStrategy: false, withForce: false);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            var clock = Stopwatch.StartNew();
            string folder = parse.GetValue(data)?.FullName ?? SampleData.DefaultFolder;
            FeatureStageOptions options = await features.ToStageOptionsAsync(parse, cancellationToken);
            BacktestStageOptions backtestOptions = backtest.ToStageOptions(parse, SampleData.DefaultBacktest(), options.Force);
            SignalStageOptions signalOptions = SignalCliOptions.Defaults(options.Force);
            IReadOnlyList<IngestSource> sources = await SampleData.LoadAsync(folder, cancellationToken);
            using ServiceProvider services = lake.Build(parse);
            (_, IngestStage ingest, FeatureStage stage) = LakeOptions.Resolve(services);
            console.Out.WriteLine($"Lake: {parse.GetValue(lake.Lake)}   data: {folder}");

            IReadOnlyList<IngestedDataset> ingested = await SpectreProgress.RunAsync(console.Error, "ingest",
                progress => ingest.RunAsync(sources, options.Force, progress, cancellationToken));
            Summaries.Ingest(console.Out, ingested);

            FeatureStageResult result = await SpectreProgress.RunAsync(console.Error, "features",
                progress => stage.RunAsync(options, progress, cancellationToken));
            Summaries.Features(console.Out, result, parse.GetValue(features.Verbose));

            if (result.Note is not null)
            {
                console.Out.WriteLine("Backtest skipped: the lake has no asset labels.");
            }
            else
            {
                await SignalsCommand.RunStageAsync(console, services.GetRequiredService<Lake>(), signalOptions, cancellationToken);
                await BacktestCommand.RunStageAsync(console, services.GetRequiredService<Lake>(), backtestOptions, parse.GetValue(backtest.Out), cancellationToken);
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed.TotalSeconds:F1} s."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
