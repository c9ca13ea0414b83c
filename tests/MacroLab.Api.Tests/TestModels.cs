using MacroLab.Models.Architecture;
using MacroLab.Scoring;
using MacroLab.Models.Training;

namespace MacroLab.Api.Tests;

/// <summary>Small trained tilt models (real TorchSharp training, real ONNX export) that differ by seed or window.</summary>
internal static class TestModels
{
    public static readonly string[] Features = ["cpi_surprise", "ip_yoy", "term_spread", "credit_spread"];
    public static readonly string[] Assets = ["equities", "treasuries", "gold"];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), Lazy<(byte[], ModelCard)>> Cache = new();

    /// <summary>The ONNX bytes and card of an MLP (lookback 1) or a Transformer (lookback 3), trained with <paramref name="seed"/>.</summary>
    public static (byte[] Onnx, ModelCard Card) Train(int seed, int lookback = 1) =>
        Cache.GetOrAdd((seed, lookback), key => new Lazy<(byte[], ModelCard)>(() => TrainNew(key.Item1, key.Item2))).Value;

    private static (byte[] Onnx, ModelCard Card) TrainNew(int seed, int lookback)
    {
        var random = new Random(seed);
        int rows = 80, features = Features.Length, assets = Assets.Length;
        double[] x = [.. Enumerable.Range(0, rows * features).Select(_ => (random.NextDouble() * 2) - 1)];
        double[] y = [.. Enumerable.Range(0, rows * assets).Select(i => (0.02 * x[(i / assets * features) + (i % assets)]) + (0.01 * ((random.NextDouble() * 2) - 1)))];
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(t => new DateOnly(2000, 1, 1).AddMonths(t + 1).AddDays(-1))];
        TiltSamples samples = TiltSamples.Create(dates, Features, x, Assets, y, lookback, horizon: 1);
        var model = new TiltModelOptions
        {
            Architecture = lookback == 1 ? TiltArchitecture.Mlp : TiltArchitecture.Transformer,
            Mlp = new TiltMlpOptions { HiddenSizes = [8] },
            Transformer = new TiltTransformerOptions { Lookback = lookback, ModelWidth = 8, Heads = 2, FeedForwardWidth = 8, Layers = 1 },
        };
        using TrainingResult trained = TiltTrainer.Train(samples, model, new TrainingOptions { Epochs = 2, Seed = seed });
        return (trained.Model.ExportOnnx(), trained.Model.Card);
    }
}
