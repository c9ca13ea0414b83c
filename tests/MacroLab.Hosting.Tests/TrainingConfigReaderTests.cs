using MacroLab.Hosting.Configuration;
using MacroLab.Models.Architecture;
using MacroLab.Models.Jobs;
using MacroLab.Models.Training;

namespace MacroLab.Hosting.Tests;

public sealed class TrainingConfigReaderTests
{
    [Fact]
    public void Config_errors_name_the_file_and_field()
    {
        static ArgumentException Read(string json) =>
            Assert.Throws<ArgumentException>(() => TrainingConfigReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "train.json"));

        Assert.Contains("train.json: $.modle", Read("""{ "modle": {} }""").Message, StringComparison.Ordinal);
        Assert.Contains("training.BatchSize", Read("""{ "training": { "batchSize": 1 } }""").Message, StringComparison.Ordinal);
        Assert.Contains("$.model.architecture", Read("""{ "model": { "architecture": "Lstm" } }""").Message, StringComparison.Ordinal);
        Assert.Contains("horizon", Read("""{ "horizon": 0 }""").Message, StringComparison.Ordinal);

        TiltTrainingJobOptions parsed = TrainingConfigReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            """{ "name": "t", "signals": ["cpi_surprise"], "model": { "architecture": "transformer", "transformer": { "lookback": 6 } }, "training": { "loss": "NegativeSharpe" } }""")), "train.json");
        Assert.Equal(TiltArchitecture.Transformer, parsed.Model.Architecture);
        Assert.Equal(6, parsed.Model.Lookback);
        Assert.Equal(32, parsed.Model.Transformer.ModelWidth);
        Assert.Equal(TiltLoss.NegativeSharpe, parsed.Training.Loss);
        Assert.Equal(42, parsed.Training.Seed);
        Assert.Equal(["cpi_surprise"], parsed.Data.Signals);

        TiltTrainingJobOptions defaults = TrainingConfigReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(TrainingConfigReader.DefaultJson())), "default.json");
        Assert.Equal(new TiltTrainingJobOptions().Training, defaults.Training);
    }
}
