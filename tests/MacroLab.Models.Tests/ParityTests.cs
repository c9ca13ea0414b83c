using MacroLab.Scoring;

namespace MacroLab.Models.Tests;

public sealed class ParityTests
{
    [Theory]
    [InlineData(TiltArchitecture.Mlp, 1)]
    [InlineData(TiltArchitecture.Transformer, 4)]
    public void Onnx_runtime_matches_torchsharp(TiltArchitecture architecture, int lookback)
    {
        (TiltSamples samples, _) = SyntheticPanels.Known(200, 6, 3, lookback, 0.01, seed: 1);
        var model = new TiltModelOptions { Architecture = architecture, Transformer = new TiltTransformerOptions { Lookback = lookback, ModelWidth = 16, Heads = 2 } };
        using TrainingResult result = TiltTrainer.Train(samples, model, new TrainingOptions { Epochs = 3 });
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(result.Model.ExportOnnx());
        var random = new Random(3);
        float[] inputs = [.. Enumerable.Range(0, 17 * scorer.RowWidth).Select(_ => (float)(SyntheticPanels.Gaussian(random) * 3))];
        float[] torch = result.Model.Predict(inputs);
        float[] onnx = scorer.Score(inputs);
        Assert.Equal(torch.Length, onnx.Length);
        double max = torch.Zip(onnx, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(max <= 1e-5, $"max |torch - onnx| = {max}");
    }
}
