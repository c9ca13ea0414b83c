using BenchmarkDotNet.Attributes;
using MacroLab.Models.Architecture;
using MacroLab.Scoring;
using MacroLab.Models.Training;

namespace MacroLab.Benchmarks;

/// <summary>
/// ONNX Runtime scoring latency of exported tilt models, per call, batch 1 and 64. The anchor measured on this machine class
/// is about 4 us p50 for a plain 32-64-64-1 MLP at batch 1; the MLP here has the same size (32 features, hidden 64-64, one
/// asset) plus MacroLab's standardisation and bounded head, and the call includes the input checks (width, finiteness).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class OnnxScoringBenchmarks
{
    private OnnxTiltScorer _mlp = null!;
    private OnnxTiltScorer _mlpRelu = null!;
    private OnnxTiltScorer _transformer = null!;
    private float[] _mlpInput1 = null!, _mlpInput64 = null!, _transformerInput1 = null!, _transformerInput64 = null!;
    private float[] _mlpOutput1 = null!, _mlpOutput64 = null!, _transformerOutput1 = null!, _transformerOutput64 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mlp = Export(new TiltModelOptions { Mlp = new TiltMlpOptions { HiddenSizes = [64, 64] } }, features: 32, assets: 1, lookback: 1);
        _mlpRelu = Export(new TiltModelOptions { Mlp = new TiltMlpOptions { HiddenSizes = [64, 64], Activation = TiltActivation.Relu } }, features: 32, assets: 1, lookback: 1);
        _transformer = Export(new TiltModelOptions { Architecture = TiltArchitecture.Transformer }, features: 32, assets: 10, lookback: 12);
        var random = new Random(2);
        float[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5))];
        _mlpInput1 = Draw(_mlp.RowWidth);
        _mlpInput64 = Draw(64 * _mlp.RowWidth);
        _transformerInput1 = Draw(_transformer.RowWidth);
        _transformerInput64 = Draw(64 * _transformer.RowWidth);
        _mlpOutput1 = new float[1];
        _mlpOutput64 = new float[64];
        _transformerOutput1 = new float[10];
        _transformerOutput64 = new float[640];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mlp.Dispose();
        _mlpRelu.Dispose();
        _transformer.Dispose();
    }

    [Benchmark(Description = "MLP 32-64-64-1 GELU, batch 1")]
    public void MlpBatch1() => _mlp.Score(_mlpInput1, _mlpOutput1);

    [Benchmark(Description = "MLP 32-64-64-1 ReLU, batch 1")]
    public void MlpReluBatch1() => _mlpRelu.Score(_mlpInput1, _mlpOutput1);

    [Benchmark(Description = "MLP 32-64-64-1 GELU, batch 64")]
    public void MlpBatch64() => _mlp.Score(_mlpInput64, _mlpOutput64);

    [Benchmark(Description = "Transformer-lite 32 features x 12, 10 assets, batch 1")]
    public void TransformerBatch1() => _transformer.Score(_transformerInput1, _transformerOutput1);

    [Benchmark(Description = "Transformer-lite 32 features x 12, 10 assets, batch 64")]
    public void TransformerBatch64() => _transformer.Score(_transformerInput64, _transformerOutput64);

    private static OnnxTiltScorer Export(TiltModelOptions model, int features, int assets, int lookback)
    {
        var random = new Random(3);
        int rows = 100 + lookback;
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(t => new DateOnly(1990, 1, 1).AddMonths(t))];
        var samples = TiltSamples.Create(
            dates, [.. Enumerable.Range(0, features).Select(f => $"f{f}")], [.. Enumerable.Range(0, rows * features).Select(_ => random.NextDouble())],
            [.. Enumerable.Range(0, assets).Select(a => $"a{a}")], [.. Enumerable.Range(0, rows * assets).Select(_ => random.NextDouble() * 0.1)], lookback);
        using TrainingResult trained = TiltTrainer.Train(samples, model, new TrainingOptions { Epochs = 1, ValidationFraction = 0 });
        return OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx());
    }
}
