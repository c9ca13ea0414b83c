using MacroLab.Hosting.Configuration;
using System.CommandLine;
using System.Globalization;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Scoring;
using MacroLab.Models.Jobs;
using MacroLab.Models.Training;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab train</c>: fit a TorchSharp tilt model on Gold and write model.onnx, weights.dat and model-card.json.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var lake = new LakeOptions();
        var config = new Option<FileInfo?>("--config")
        {
            Description = "A JSON training configuration (data, features, model, training); see --print-config. Default: an MLP on the Gold features of us_macro5, funded from CASH.",
            HelpName = "file.json",
        };
        var output = new Option<DirectoryInfo?>("--out") { Description = "The model folder to write (replaced atomically).", HelpName = "dir" };
        var printConfig = new Option<bool>("--print-config") { Description = "Print the default configuration as JSON and exit." };
        var command = new Command("train",
            "Train a tilt model (TorchSharp MLP or Transformer-lite) on the lake's Gold features and labels, reproducibly (seeded, fixed thread count), " +
            "with a time-ordered validation split and early stopping. Writes model.onnx (ONNX Runtime-ready, opset 17), weights.dat (TorchSharp) and " +
            "model-card.json (architecture, features, assets, seed, windows, metrics, lineage, an input example with expected outputs).")
        {
            config, output, printConfig,
        };
        lake.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            if (parse.GetValue(printConfig))
            {
                console.Out.WriteLine(TrainingConfigReader.DefaultJson());
                return ExitCodes.Success;
            }

            DirectoryInfo target = parse.GetValue(output) ?? throw new UsageException("--out <dir> is required: the folder to write the model into.");
            TiltTrainingJobOptions options = new();
            if (parse.GetValue(config) is { } file)
            {
                if (!file.Exists)
                {
                    throw new UsageException($"--config: {file.FullName} does not exist.");
                }

                await using FileStream stream = file.OpenRead();
                options = ConfigFileException.Read(() => TrainingConfigReader.Read(stream, file.FullName));
            }

            using ServiceProvider services = lake.Build(parse, mustExist: true);
            Lake store = services.GetRequiredService<Lake>();
            TiltTrainingJobResult result = await SpectreProgress.RunAsync(console.Error, "train", progress =>
                TiltTrainingJob.RunAsync(store, options, target.FullName, new EpochReporter(progress, options.Name), cancellationToken));
            Summarize(console.Out, result);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void Summarize(IAnsiConsole console, TiltTrainingJobResult result)
    {
        ModelCard card = result.Card;
        TrainingMetrics m = card.Metrics;
        static string F(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
        var table = new Table().AddColumns("Model", "Architecture", "Features", "Assets", "Training", "Validation", "Loss", "Train", "Valid", "Trivial", "Best epoch");
        table.AddRow(
            Markup.Escape(card.Name), card.Model.Architecture.ToString(), card.FeatureNames.Count.ToString(CultureInfo.InvariantCulture),
            Markup.Escape(string.Join(",", card.Assets)),
            $"{card.TrainingWindow.First:yyyy-MM} .. {card.TrainingWindow.Last:yyyy-MM} ({card.TrainingWindow.Samples})",
            card.ValidationWindow is { } v ? $"{v.First:yyyy-MM} .. {v.Last:yyyy-MM} ({v.Samples})" : "-",
            m.Loss, F(m.TrainingLoss), F(m.ValidationLoss), F(m.TrivialValidationLoss),
            $"{m.BestEpoch} of {m.EpochsRun}{(m.StoppedEarly ? " (early stop)" : string.Empty)}");
        console.Write(table);
        TrainingTimings t = result.Timings;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Time: {t.Total.TotalSeconds:F2} s (data {t.Data.TotalSeconds:F2}, forward {t.Forward.TotalSeconds:F2}, backward {t.Backward.TotalSeconds:F2}, optimiser {t.Optimizer.TotalSeconds:F2}, validation {t.Validation.TotalSeconds:F2})."));
        if (m.ValidationLoss is { } loss && m.TrivialValidationLoss is { } trivial && loss >= trivial)
        {
            console.MarkupLine($"[yellow]note:[/] the validation loss does not beat the trivial model ({F(loss)} vs {F(trivial)}); the tilts carry no out-of-sample edge on this window.");
        }

        foreach (string file in result.Files)
        {
            console.WriteLine($"Wrote {file}");
        }
    }

    /// <summary>Epochs as stage progress: the live bar shows the epoch and the losses.</summary>
    private sealed class EpochReporter(IProgress<StageProgress> inner, string name) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) =>
            inner.Report(new StageProgress("train", string.Create(CultureInfo.InvariantCulture,
                $"{name} epoch {value.Epoch}: train {value.TrainingLoss:F4}{(value.ValidationLoss is { } v ? $", validation {v:F4}" : string.Empty)}"), value.Epoch, value.Epochs));
    }
}
