using System.CommandLine;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab features</c>: the feature stage, Silver to Gold.</summary>
internal static class FeaturesCommand
{
    public static Command Create(CliConsole console)
    {
        var lake = new LakeOptions();
        var features = new FeatureOptions();
        var command = new Command("features",
            "Build Gold from Silver: point-in-time features at month ends (FRED-MD transforms, YoY, z-scores, windows, regimes) with per-cell " +
            "provenance, monthly asset returns, and forward-return labels that start strictly after each decision date.");
        // The architecture's name for the stage (the MacroLab.FeaturesJob container job runs the same code).
        command.Aliases.Add("transform");
        lake.AddTo(command);
        features.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            FeatureStageOptions options = await features.ToStageOptionsAsync(parse, cancellationToken);
            using ServiceProvider services = lake.Build(parse, mustExist: true);
            (Lake store, _, FeatureStage stage) = LakeOptions.Resolve(services);
            if (!await store.ListDatasetsAsync("silver/observations/", cancellationToken).AnyAsync(cancellationToken))
            {
                console.Fail($"the lake at {store.Store.Location} holds no Silver observations: ingest sources first ('macrolab ingest', or 'macrolab run' for the bundled data).");
                return ExitCodes.NoInput;
            }

            FeatureStageResult result = await SpectreProgress.RunAsync(console.Error, "features",
                progress => stage.RunAsync(options, progress, cancellationToken));
            Summaries.Features(console.Out, result, parse.GetValue(features.Verbose));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
