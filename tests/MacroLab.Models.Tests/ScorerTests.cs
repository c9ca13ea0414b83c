using MacroLab.Scoring;

namespace MacroLab.Models.Tests;

/// <summary>The ONNX scorer: parity over architectures and shapes, bad input, thread safety.</summary>
public sealed class ScorerTests
{
    public static TheoryData<string> Variants => ["mlp", "mlp-layernorm-relu", "mlp-long-only-tanh", "mlp-linear", "transformer-learned", "transformer-sinusoidal-2layers-relu"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Torchsharp_and_onnx_runtime_agree_to_1e5_for_batches_of_1_7_and_64(string variant)
    {
        using TrainingResult trained = Train(variant);
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx());
        var random = new Random(17);
        foreach (int batch in (int[])[1, 7, 64])
        {
            float[] inputs = [.. Enumerable.Range(0, batch * scorer.RowWidth).Select(_ => (float)(SyntheticPanels.Gaussian(random) * 2))];
            float[] expected = trained.Model.Predict(inputs);
            float[] actual = scorer.Score(inputs);
            double max = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(max <= 1e-5, $"{variant}, batch {batch}: max |difference| {max}");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Tilts_respect_the_gross_limit_and_long_only(string variant)
    {
        using TrainingResult trained = Train(variant);
        var random = new Random(5);
        int width = trained.Model.Lookback * trained.Model.FeatureNames.Count, assets = trained.Model.Assets.Count;
        // Extreme inputs push every score to saturation, where the limit binds.
        float[] inputs = [.. Enumerable.Range(0, 50 * width).Select(_ => (float)(SyntheticPanels.Gaussian(random) * 50))];
        float[] tilts = trained.Model.Predict(inputs);
        TiltHeadOptions head = trained.Model.Card.Model.Head;
        for (int r = 0; r < 50; r++)
        {
            double gross = 0;
            for (int a = 0; a < assets; a++)
            {
                float w = tilts[(r * assets) + a];
                gross += Math.Abs(w);
                Assert.True(!head.LongOnly || w >= 0, $"row {r}: long-only tilt {w}");
            }

            Assert.True(gross <= head.GrossLimit + 1e-5, $"row {r}: gross {gross} > {head.GrossLimit}");
        }
    }

    [Fact]
    public void The_input_example_in_the_card_reproduces_through_onnx_runtime()
    {
        using TrainingResult trained = Train("transformer-learned");
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx());
        MacroLab.Scoring.InputExample example = trained.Model.Card.InputExample;
        Assert.InRange(example.Inputs.Count, 1, 5);
        float[] actual = scorer.Score([.. example.Inputs.SelectMany(row => row)]);
        float[] expected = [.. example.Outputs.SelectMany(row => row)];
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-5));
    }

    [Fact]
    public void Parity_is_within_tolerance_for_the_card_and_measures_a_tampered_output()
    {
        using TrainingResult trained = Train("transformer-learned");
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx());
        MacroLab.Scoring.InputExample example = trained.Model.Card.InputExample;

        Assert.InRange(OnnxParity.MaxDifference(scorer, example), 0, 1e-5);

        // One recorded tilt off by 0.01 in the last row: the parity measures it (whether that row is scored in a batch or alone).
        IReadOnlyList<float>[] outputs = [.. example.Outputs];
        float[] last = [.. outputs[^1]];
        last[0] += 0.01f;
        outputs[^1] = last;
        Assert.InRange(OnnxParity.MaxDifference(scorer, example with { Outputs = outputs }), 0.0099, 0.0101);
        Assert.Throws<ArgumentException>(() => OnnxParity.MaxDifference(scorer, example with { Inputs = [], Outputs = [] }));
        Assert.Throws<ArgumentException>(() => OnnxParity.MaxDifference(scorer, example with { Inputs = [.. example.Inputs.Select(r => (IReadOnlyList<float>)[.. r.Skip(1)])] }));
    }

    [Fact]
    public void Metadata_carries_names_lookback_and_the_card_digest()
    {
        using TrainingResult trained = Train("transformer-learned");
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx());
        Assert.Equal(trained.Model.FeatureNames, scorer.FeatureNames);
        Assert.Equal(trained.Model.Assets, scorer.Assets);
        Assert.Equal(4, scorer.Lookback);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(MacroLab.Scoring.ModelCardJson.Serialize(trained.Model.Card))),
            scorer.ModelCardSha256);
    }

    [Fact]
    public void Bad_batches_get_errors_that_name_the_problem()
    {
        using TrainingResult trained = Train("mlp");
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx());
        int width = scorer.RowWidth;

        ArgumentException empty = Assert.Throws<ArgumentException>(() => scorer.Score([]));
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);

        ArgumentException wrongWidth = Assert.Throws<ArgumentException>(() => scorer.Score(new float[width + 1]));
        Assert.Contains($"row width {width}", wrongWidth.Message, StringComparison.Ordinal);

        float[] withNaN = new float[3 * width];
        withNaN[(2 * width) + 4] = float.NaN;
        ArgumentException nan = Assert.Throws<ArgumentException>(() => scorer.Score(withNaN));
        Assert.Contains("Row 2", nan.Message, StringComparison.Ordinal);
        Assert.Contains("'x4'", nan.Message, StringComparison.Ordinal);

        float[] withInfinity = new float[width];
        withInfinity[0] = float.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => scorer.Score(withInfinity));
        Assert.Throws<ArgumentException>(() => trained.Model.Predict(withInfinity));

        Assert.Throws<ArgumentException>(() => scorer.Score(new float[width], new float[scorer.Assets.Count + 1]));
    }

    [Fact]
    public void A_file_that_is_not_a_macrolab_onnx_model_is_rejected_with_its_name()
    {
        InvalidDataException garbage = Assert.Throws<InvalidDataException>(() => OnnxTiltScorer.FromBytes([1, 2, 3, 4], source: "garbage.onnx"));
        Assert.Contains("garbage.onnx", garbage.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => OnnxTiltScorer.FromFile("/nonexistent/model.onnx"));
    }

    [Fact]
    public void Concurrent_scoring_gives_the_serial_answers()
    {
        using TrainingResult trained = Train("mlp");
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(trained.Model.ExportOnnx());
        var random = new Random(8);
        float[][] batches = [.. Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, (1 + (i % 5)) * scorer.RowWidth).Select(_ => (float)SyntheticPanels.Gaussian(random)).ToArray())];
        float[][] serial = [.. batches.Select(b => scorer.Score(b))];
        float[][] parallel = new float[batches.Length][];
        Parallel.For(0, batches.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i % batches.Length] = scorer.Score(batches[i % batches.Length]));
        for (int i = 0; i < batches.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }

    internal static TrainingResult Train(string variant)
    {
        bool transformer = variant.StartsWith("transformer", StringComparison.Ordinal);
        int lookback = transformer ? 4 : 1;
        (TiltSamples samples, _) = SyntheticPanels.Known(160, 6, 3, lookback, 0.02, seed: 21);
        TiltActivation activation = variant.Contains("relu", StringComparison.Ordinal) ? TiltActivation.Relu
            : variant.Contains("tanh", StringComparison.Ordinal) ? TiltActivation.Tanh : TiltActivation.Gelu;
        var model = new TiltModelOptions
        {
            Architecture = transformer ? TiltArchitecture.Transformer : TiltArchitecture.Mlp,
            Mlp = new TiltMlpOptions
            {
                HiddenSizes = variant == "mlp-linear" ? [] : [16, 8],
                LayerNorm = variant.Contains("layernorm", StringComparison.Ordinal),
                Activation = activation,
            },
            Transformer = new TiltTransformerOptions
            {
                Lookback = lookback, ModelWidth = 16, Heads = 4, FeedForwardWidth = 24, Activation = activation,
                Layers = variant.Contains("2layers", StringComparison.Ordinal) ? 2 : 1,
                Positions = variant.Contains("sinusoidal", StringComparison.Ordinal) ? PositionalEncoding.Sinusoidal : PositionalEncoding.Learned,
            },
            Head = new TiltHeadOptions { GrossLimit = 0.8, LongOnly = variant.Contains("long-only", StringComparison.Ordinal) },
        };
        return TiltTrainer.Train(samples, model, new TrainingOptions { Epochs = 4, LearningRate = 1e-2 });
    }
}
