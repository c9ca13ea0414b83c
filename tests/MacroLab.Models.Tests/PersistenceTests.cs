using MacroLab.Scoring;

namespace MacroLab.Models.Tests;

/// <summary>Saving and loading a model folder; the card's JSON.</summary>
public sealed class PersistenceTests
{
    [Theory]
    [InlineData("mlp-layernorm-relu")]
    [InlineData("transformer-sinusoidal-2layers-relu")]
    public async Task A_saved_model_loads_with_identical_weights_and_predictions(string variant)
    {
        using var folder = new TemporaryFolder();
        using TrainingResult trained = ScorerTests.Train(variant);
        string directory = Path.Combine(folder.Path, "model");
        await trained.Model.SaveAsync(directory);

        using TiltModel loaded = await TiltModel.LoadAsync(directory);
        Assert.Equal(trained.Model.WeightsBytes(), loaded.WeightsBytes());
        byte[] onnx = await File.ReadAllBytesAsync(Path.Combine(directory, ModelArtifacts.OnnxFileName));
        Assert.Equal(ModelCardJson.Serialize(trained.Model.CardFor(onnx)), ModelCardJson.Serialize(loaded.Card));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)), loaded.Card.OnnxSha256);
        float[] inputs = [.. trained.Model.Card.InputExample.Inputs.SelectMany(r => r)];
        Assert.Equal(trained.Model.Predict(inputs), loaded.Predict(inputs));
        Assert.Equal(onnx, loaded.ExportOnnx());
        Assert.DoesNotContain(Directory.GetDirectories(folder.Path), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public async Task Tampered_weights_are_refused_with_the_digests()
    {
        using var folder = new TemporaryFolder();
        using TrainingResult trained = ScorerTests.Train("mlp");
        await trained.Model.SaveAsync(folder.Path);
        string weights = Path.Combine(folder.Path, ModelArtifacts.WeightsFileName);
        byte[] bytes = await File.ReadAllBytesAsync(weights);
        bytes[^3] ^= 0x40;
        await File.WriteAllBytesAsync(weights, bytes);

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => TiltModel.LoadAsync(folder.Path));
        Assert.Contains(trained.Model.Card.WeightsSha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_with_an_unknown_field_or_format_is_refused_naming_the_source()
    {
        using TrainingResult trained = ScorerTests.Train("mlp");
        string json = System.Text.Encoding.UTF8.GetString(ModelCardJson.Serialize(trained.Model.Card));
        InvalidDataException unknown = Assert.Throws<InvalidDataException>(() =>
            ModelCardJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json.Replace("\"name\":", "\"nmae\": 1, \"name\":", StringComparison.Ordinal)), "card.json"));
        Assert.Contains("card.json", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("nmae", unknown.Message, StringComparison.Ordinal);
        InvalidDataException format = Assert.Throws<InvalidDataException>(() =>
            ModelCardJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json.Replace(ModelCard.CurrentFormat, "macrolab.tilt-model/9", StringComparison.Ordinal)), "card.json"));
        Assert.Contains("macrolab.tilt-model/9", format.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_records_seed_threads_windows_and_metrics()
    {
        using TrainingResult trained = ScorerTests.Train("mlp");
        ModelCard card = trained.Model.Card;
        Assert.Equal(42, card.Training.Seed);
        Assert.Equal(1, card.Training.Threads);
        Assert.True(card.TrainingWindow.Last < card.ValidationWindow!.First);
        Assert.Equal(trained.Epochs.Count, card.Metrics.EpochsRun);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(trained.Model.WeightsBytes())), card.WeightsSha256);
        Assert.Contains("TorchSharp", card.Software.Keys);
    }
}
