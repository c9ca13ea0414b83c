using System.Globalization;

namespace MacroLab.Cli.Tests;

/// <summary><c>macrolab train</c> and <c>macrolab predict</c> on Gold built from the bundled real data.</summary>
public sealed class TrainAndPredictTests(GoldLake gold) : IClassFixture<GoldLake>, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Train_writes_a_model_folder_and_predict_scores_the_gold_features_with_it()
    {
        File.WriteAllText(_folder.File("train.json"), """{ "name": "cli_mlp", "training": { "epochs": 5 } }""");
        string model = _folder.File("model");
        (int code, string output, string error) = await Cli.RunAsync("train", "--lake", gold.Root, "--config", _folder.File("train.json"), "--out", model);
        Assert.True(code == 0, error);
        Assert.Contains("cli_mlp", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(model, "model.onnx")));
        Assert.True(File.Exists(Path.Combine(model, "weights.dat")));
        Assert.True(File.Exists(Path.Combine(model, "model-card.json")));

        string features = Directory.GetFiles(Path.Combine(gold.Root, "gold", "features", "macro_monthly"), "*.parquet").Single();
        string tilts = _folder.File("tilts.csv");
        (code, output, error) = await Cli.RunAsync("predict", "--model", Path.Combine(model, "model.onnx"), "--input", features, "--out", tilts, "--skip-incomplete");
        Assert.True(code == 0, error);
        string[] lines = File.ReadAllLines(tilts);
        Assert.Equal("date,US_EQUITY,SMB,HML,UST10Y", lines[0]);
        Assert.True(lines.Length > 500, $"{lines.Length} lines");
        foreach (string line in lines.Skip(1))
        {
            double gross = line.Split(',').Skip(1).Sum(v => Math.Abs(double.Parse(v, CultureInfo.InvariantCulture)));
            Assert.True(gross <= 1 + 1e-6, line);
        }

        // Without --skip-incomplete, the first missing value is an error naming the file and column.
        (code, _, error) = await Cli.RunAsync("predict", "--model", Path.Combine(model, "model.onnx"), "--input", features, "--out", _folder.File("t2.csv"));
        Assert.Equal(65, code);
        Assert.Contains(features, error, StringComparison.Ordinal);
        Assert.Contains("missing", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("t2.csv")));

        // A CSV without a feature the model needs: a usage error naming the column.
        File.WriteAllText(_folder.File("few.csv"), "date,AAA.tcode2\n2020-01-31,0.1\n");
        (code, _, error) = await Cli.RunAsync("predict", "--model", Path.Combine(model, "model.onnx"), "--input", _folder.File("few.csv"), "--out", _folder.File("t3.csv"));
        Assert.Equal(64, code);
        Assert.Contains("has no column", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_config_or_a_missing_out_fails_before_training()
    {
        File.WriteAllText(_folder.File("bad.json"), """{ "training": { "epochs": 0 } }""");
        (int code, _, string error) = await Cli.RunAsync("train", "--lake", gold.Root, "--config", _folder.File("bad.json"), "--out", _folder.File("m"));
        Assert.Equal(65, code);
        Assert.Contains("training.Epochs", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("m")));

        (code, _, error) = await Cli.RunAsync("train", "--lake", gold.Root);
        Assert.Equal(64, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);

        (code, string output, _) = await Cli.RunAsync("train", "--print-config");
        Assert.Equal(0, code);
        Assert.Contains("\"architecture\": \"Mlp\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_refuses_a_file_that_is_not_a_model()
    {
        File.WriteAllText(_folder.File("fake.onnx"), "not a model");
        File.WriteAllText(_folder.File("x.csv"), "date,a\n2020-01-31,1\n");
        (int code, _, string error) = await Cli.RunAsync("predict", "--model", _folder.File("fake.onnx"), "--input", _folder.File("x.csv"), "--out", _folder.File("t.csv"));
        Assert.Equal(65, code);
        Assert.Contains("fake.onnx", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
