using BenchmarkDotNet.Attributes;
using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Benchmarks;

/// <summary>
/// Training throughput on a realistic macro panel: 600 months x 120 features x 10 assets (lookback 12 for the Transformer),
/// 5 epochs of AdamW with batch 64 and no validation split, one intra-op thread (the trainer's default policy).
/// Samples per second = 600 x 5 / time.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class TrainingThroughputBenchmarks
{
    public const int Months = 600, Features = 120, Assets = 10, Epochs = 5;

    private TiltSamples _mlpSamples = null!;
    private TiltSamples _transformerSamples = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        DateOnly[] dates = [.. Enumerable.Range(0, Months + 11).Select(t => new DateOnly(1970, 1, 1).AddMonths(t))];
        double[] x = [.. Enumerable.Range(0, dates.Length * Features).Select(_ => random.NextDouble() - 0.5)];
        double[] y = [.. Enumerable.Range(0, dates.Length * Assets).Select(_ => (random.NextDouble() - 0.5) * 0.1)];
        string[] features = [.. Enumerable.Range(0, Features).Select(f => $"f{f}")], assets = [.. Enumerable.Range(0, Assets).Select(a => $"a{a}")];
        _mlpSamples = TiltSamples.Create(dates[11..], features, x[(11 * Features)..], assets, y[(11 * Assets)..]);
        _transformerSamples = TiltSamples.Create(dates, features, x, assets, y, lookback: 12);
    }

    [Benchmark(Description = "MLP 120-64-64-10, 600 samples x 5 epochs")]
    public double Mlp() => Train(_mlpSamples, new TiltModelOptions());

    [Benchmark(Description = "Transformer-lite d=32 h=4 1 layer, lookback 12, 600 samples x 5 epochs")]
    public double Transformer() => Train(_transformerSamples, new TiltModelOptions { Architecture = TiltArchitecture.Transformer });

    private static double Train(TiltSamples samples, TiltModelOptions model)
    {
        using TrainingResult result = TiltTrainer.Train(samples, model, new TrainingOptions { Epochs = Epochs, ValidationFraction = 0 });
        return result.Epochs[^1].TrainingLoss;
    }
}
