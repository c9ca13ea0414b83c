using MacroLab.Backtest;
using MacroLab.Data;
using MacroLab.Data.Storage;
using MacroLab.Models.Jobs;
using MacroLab.Scoring;

namespace MacroLab.Models.Tests;

/// <summary>The training job on Gold built from the bundled real data.</summary>
public sealed class TrainingJobTests(GoldLake gold) : IClassFixture<GoldLake>
{
    [Theory]
    [InlineData(TiltArchitecture.Mlp)]
    [InlineData(TiltArchitecture.Transformer)]
    public async Task A_model_trained_on_gold_scores_real_rows_identically_in_onnx_runtime_and_records_its_lineage(TiltArchitecture architecture)
    {
        using var folder = new TemporaryFolder();
        var options = new TiltTrainingJobOptions
        {
            Name = $"real_{architecture}",
            Model = new TiltModelOptions { Architecture = architecture, Transformer = new TiltTransformerOptions { Lookback = 6, ModelWidth = 16, Heads = 2 } },
            Training = new TrainingOptions { Epochs = 6 },
        };
        TiltTrainingJobResult result = await TiltTrainingJob.RunAsync(gold.Lake, options, Path.Combine(folder.Path, "model"));

        Assert.All(result.Files, file => Assert.True(File.Exists(file), file));
        Assert.True(result.Card.FeatureNames.Count > 50, $"{result.Card.FeatureNames.Count} features");
        Assert.Equal(["US_EQUITY", "SMB", "HML", "UST10Y"], result.Card.Assets);
        foreach (string dataset in (string[])[LakeLayout.GoldFeatures("macro_monthly"), LakeLayout.GoldLabels("us_macro5")])
        {
            DatasetManifest manifest = (await gold.Lake.GetManifestAsync((await gold.Lake.ResolveAsync(dataset))!))!;
            Assert.Equal(manifest.ContentSha256, result.Card.Lineage[manifest.Dataset]);
        }

        // Real rows: every sample of the Gold panel, through both runtimes.
        GoldDataset data = await GoldDataset.LoadAsync(gold.Lake, options.Data);
        TiltSamples samples = TiltSamples.FromDataset(BacktestDataset.FromGold(data), result.Card.FeatureNames, result.Card.Lookback, 1);
        float[] inputs = [.. Enumerable.Range(0, samples.Count).SelectMany(k => samples.Window(k).ToArray())];
        using TiltModel model = await TiltModel.LoadAsync(result.Directory);
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromFile(Path.Combine(result.Directory, ModelArtifacts.OnnxFileName));
        float[] torch = model.Predict(inputs), onnx = scorer.Score(inputs);
        double max = torch.Zip(onnx, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(max <= 1e-5, $"max |torch - onnx| on {samples.Count} real rows: {max}");
    }

    [Fact]
    public async Task The_same_config_twice_writes_identical_files()
    {
        using var folder = new TemporaryFolder();
        var options = new TiltTrainingJobOptions { Training = new TrainingOptions { Epochs = 3 } };
        TiltTrainingJobResult first = await TiltTrainingJob.RunAsync(gold.Lake, options, Path.Combine(folder.Path, "a"));
        TiltTrainingJobResult second = await TiltTrainingJob.RunAsync(gold.Lake, options, Path.Combine(folder.Path, "b"));
        Assert.Equal(3, first.Files.Count);
        for (int i = 0; i < first.Files.Count; i++)
        {
            Assert.Equal(await File.ReadAllBytesAsync(first.Files[i]), await File.ReadAllBytesAsync(second.Files[i]));
        }
    }

    [Fact]
    public async Task Unknown_features_and_missing_gold_are_clear_errors_and_write_nothing()
    {
        using var folder = new TemporaryFolder();
        string target = Path.Combine(folder.Path, "model");
        ArgumentException unknown = await Assert.ThrowsAsync<ArgumentException>(() =>
            TiltTrainingJob.RunAsync(gold.Lake, new TiltTrainingJobOptions { Features = ["NO_SUCH_SERIES"] }, target));
        Assert.Contains("NO_SUCH_SERIES", unknown.Message, StringComparison.Ordinal);

        DatasetNotFoundException missing = await Assert.ThrowsAsync<DatasetNotFoundException>(() =>
            TiltTrainingJob.RunAsync(gold.Lake, new TiltTrainingJobOptions { Data = new GoldDatasetRequest { Signals = ["absent"] } }, target));
        Assert.Contains("gold/signals/absent", missing.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
