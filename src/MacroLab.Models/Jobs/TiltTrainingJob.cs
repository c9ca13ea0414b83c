using MacroLab.Backtest;
using MacroLab.Data;
using MacroLab.Data.Storage;
using MacroLab.Models.Training;
using MacroLab.Scoring;

namespace MacroLab.Models.Jobs;

/// <summary>
/// Trains a tilt model on a lake's Gold features and labels and writes the model folder: <c>model.onnx</c>,
/// <c>weights.dat</c> and <c>model-card.json</c> (with the Gold datasets and their content digests as lineage).
/// </summary>
public static class TiltTrainingJob
{
    /// <summary>Runs the job.</summary>
    /// <param name="lake">The lake to read Gold from.</param>
    /// <param name="options">What to train.</param>
    /// <param name="outputDirectory">The model folder to write (replaced atomically if it exists).</param>
    /// <param name="progress">Receives one report per epoch.</param>
    /// <param name="cancellationToken">Stops the job; nothing is written then.</param>
    /// <exception cref="ArgumentException">Invalid options, an unknown feature, or too few samples.</exception>
    /// <exception cref="InvalidOperationException">The lake lacks a Gold table (the message says which stage to run).</exception>
    public static async Task<TiltTrainingJobResult> RunAsync(
        Lake lake, TiltTrainingJobOptions options, string outputDirectory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options.Validate();
        GoldDataset gold = await GoldDataset.LoadAsync(lake, options.Data, cancellationToken).ConfigureAwait(false);
        BacktestDataset data = BacktestDataset.FromGold(gold);
        IReadOnlyList<string> features = options.Features ?? TiltSamples.FeaturesWithCoverage(data, options.MinCoverage);
        if (features.Count == 0)
        {
            throw new ArgumentException($"No feature of {options.Data.FeatureSet} is finite on {options.MinCoverage:P0} of the dates; lower minCoverage or list the features.");
        }

        TiltSamples samples = TiltSamples.FromDataset(data, features, options.Model.Lookback, options.Horizon);
        var lineage = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DatasetInput input in gold.Inputs)
        {
            lineage[input.Dataset] = input.ContentSha256;
        }

        lineage["lake"] = lake.Store.Location;
        using TrainingResult result = await Task.Run(
            () => TiltTrainer.Train(samples, options.Model, options.Training, options.Name, lineage, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        string directory = Path.GetFullPath(outputDirectory);
        await result.Model.SaveAsync(directory, cancellationToken).ConfigureAwait(false);
        return new TiltTrainingJobResult(
            result.Model.Card, result.Epochs, result.Timings, directory,
            [.. ((string[])[ModelArtifacts.OnnxFileName, ModelArtifacts.WeightsFileName, ModelArtifacts.CardFileName]).Select(f => Path.Combine(directory, f))]);
    }
}
