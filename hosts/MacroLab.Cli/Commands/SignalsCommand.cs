using System.CommandLine;
using System.Globalization;
using MacroLab.Causal.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab signals</c>: the causal stage, macro surprises to walk-forward CATE signals in Gold.</summary>
internal static class SignalsCommand
{
    public static Command Create(CliConsole console)
    {
        var lake = new LakeOptions();
        var signals = new SignalCliOptions();
        var command = new Command("signals",
            "Build walk-forward causal signals: the surprise of a point-in-time macro feature (released value minus an expectation from earlier values), " +
            "its treatment arm at each month end, and per asset the X-Learner CATE of a surprise on the forward return given the regime covariates, " +
            "refitted only on outcomes already known. Writes gold/signals/<name>@<variant>, the variant following the definition.");
        lake.AddTo(command);
        signals.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            SignalStageOptions options = signals.ToStageOptions(parse, force: false);
            using ServiceProvider services = lake.Build(parse, mustExist: true);
            Lake store = services.GetRequiredService<Lake>();
            if (await store.ResolveAsync(LakeLayout.GoldFeatures(options.FeatureSet), cancellationToken) is null)
            {
                console.Fail($"the lake at {store.Store.Location} has no {LakeLayout.GoldFeatures(options.FeatureSet)}: run the feature stage first ('macrolab features', or 'macrolab run').");
                return ExitCodes.NoInput;
            }

            await RunStageAsync(console, store, options, cancellationToken);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    public static async Task<SignalStageResult> RunStageAsync(CliConsole console, Lake lake, SignalStageOptions options, CancellationToken cancellationToken)
    {
        var stage = new SignalStage(lake);
        SignalStageResult result = await SpectreProgress.RunAsync(console.Error, "signals", progress => stage.RunAsync(options, progress, cancellationToken));
        console.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Signals ({result.Status.ToString().ToLowerInvariant()}): {result.Dataset}: {string.Join(", ", result.Columns)}")));
        console.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Treatment months by arm: {string.Join(", ", result.Treated.Select((c, k) => $"{k}: {c}"))}; first signal {result.FirstSignal:yyyy-MM-dd}.")));
        foreach (string note in result.Table?.Refits.SelectMany(r => r.Notes.Select(n => $"{r.Date:yyyy-MM}: {n}")).Take(5) ?? [])
        {
            console.Out.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }

        return result;
    }
}
