using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest;
using MacroLab.Backtest.Reporting;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring;
using MacroLab.Models.Strategies;
using MacroLab.Models.Training;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The selected candidate, trained once more on every sample whose label is realised (the walk-forward validated the
/// recipe; this is the model that will trade from the end of the data), exported to ONNX with its weights and card.
/// </summary>
internal sealed class TrainStep : IPipelineStep
{
    private const int Version = 1;

    public string Name => StageGraph.Train;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string name = context.Config.Name;
        (DatasetManifest resultsManifest, byte[] resultsJson) = await StepLake.ReadAsync(context, RunLayout.Results(name), StageGraph.Backtest, cancellationToken).ConfigureAwait(false);
        BacktestRecord results = BacktestJson.Deserialize(resultsJson, resultsManifest.DataKey);
        GoldDatasetRequest request = PipelineOptions.Gold(context.Config);
        IReadOnlyList<DatasetManifest> gold = await GoldDataset.ResolveAsync(context.Lake, request, cancellationToken).ConfigureAwait(false);
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
        {
            ["model"] = context.ModelName,
            ["strategy"] = results.Strategy,
            ["parameters"] = string.Join(",", results.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
        }, [StepLake.Input(resultsManifest), .. gold.Select(StepLake.Input)]);
        string[] outputs = [RunLayout.ModelOnnx(name), RunLayout.ModelWeights(name), RunLayout.ModelCard(name)];
        StepOutcome outcome = await StepRun.RunAsync(context, Name, started, outputs, recipe,
            async (current, token) => new StepReport([Describe(ModelCardJson.Deserialize(await context.Lake.ReadContentAsync(current[2], token).ConfigureAwait(false), current[2].DataKey))], null),
            async (transaction, token) =>
            {
                if (context.Catalog.Create(results.Strategy, results.Parameters) is not TiltNetworkStrategy strategy)
                {
                    throw new InvalidOperationException($"The selected strategy '{results.Strategy}' is not a TorchSharp tilt model, so it cannot be exported; the candidates must be tilt-mlp or tilt-transformer.");
                }

                progress?.Report(new StageProgress(Name, "reading Gold", 0, 3));
                GoldDataset data = await GoldDataset.LoadAsync(context.Lake, request, token).ConfigureAwait(false);
                var lineage = new SortedDictionary<string, string>(StringComparer.Ordinal) { [resultsManifest.Dataset] = resultsManifest.ContentSha256 };
                foreach (DatasetInput input in data.Inputs)
                {
                    lineage[input.Dataset] = input.ContentSha256;
                }

                var epochs = new EpochProgress(progress, Name);
                using TrainingResult trained = await Task.Run(
                    () => strategy.Train(TrainingSet.AllRealized(BacktestDataset.FromGold(data), strategy.LabelHorizon), context.ModelName, lineage, epochs, token), token).ConfigureAwait(false);
                byte[] onnx = trained.Model.ExportOnnx();
                ModelCard card = trained.Model.CardFor(onnx);
                var properties = new Dictionary<string, string>
                {
                    ["architecture"] = card.Model.Architecture.ToString(),
                    ["features"] = card.FeatureNames.Count.ToString(CultureInfo.InvariantCulture),
                    ["weightsSha256"] = card.WeightsSha256,
                };
                progress?.Report(new StageProgress(Name, "exporting ONNX", 2, 3));
                transaction.AddFile(outputs[0], ModelArtifacts.OnnxFileName, onnx, "application/onnx", recipe, properties);
                transaction.AddFile(outputs[1], ModelArtifacts.WeightsFileName, trained.Model.WeightsBytes(), "application/octet-stream", recipe, properties);
                transaction.AddFile(outputs[2], ModelArtifacts.CardFileName, ModelCardJson.Serialize(card), "application/json", recipe, properties);
                return new StepReport([Describe(card)], null);
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome.Status == StepStatus.Written)
        {
            progress?.Report(new StageProgress(Name, "done", 3, 3));
        }

        return outcome;
    }

    private static string Describe(ModelCard card)
    {
        TrainingMetrics m = card.Metrics;
        string validation = card.ValidationWindow is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"; validation {v.First:yyyy-MM} .. {v.Last:yyyy-MM} loss {m.ValidationLoss:0.0000} vs {m.TrivialValidationLoss:0.0000} for zero tilts")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{card.Model.Architecture} on {card.FeatureNames.Count} features -> {card.Assets.Count} tilts, trained {card.TrainingWindow.First:yyyy-MM} .. {card.TrainingWindow.Last:yyyy-MM} ({card.TrainingWindow.Samples} samples){validation}, best epoch {m.BestEpoch} of {m.EpochsRun}");
    }

    /// <summary>Training epochs as stage progress.</summary>
    private sealed class EpochProgress(IProgress<StageProgress>? inner, string stage) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) =>
            inner?.Report(new StageProgress(stage, string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch}: loss {value.TrainingLoss:0.0000}"), value.Epoch, value.Epochs));
    }
}
