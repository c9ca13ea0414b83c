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

        // The README's glob: macrolab-lake/gold/features/macro_monthly@*/part-*.parquet
        string features = Directory.GetFiles(Directory.GetDirectories(Path.Combine(gold.Root, "gold", "features"), "macro_monthly@*").Single(), "part-*.parquet").Single();
        string tilts = _folder.File("tilts.csv");

        // With the model card beside the file: integrity checked, and every date from the first gets a decision by the
        // model's missing-input policy (imputed inputs named) or a refusal with its reason; never a silent gap.
        (code, output, error) = await Cli.RunAsync("predict", "--model", Path.Combine(model, "model.onnx"), "--input", features, "--out", tilts);
        Assert.True(code == 0, error);
        Assert.Contains("Integrity checked: model.onnx has the SHA-256", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(tilts);
        Assert.Equal("date,US_EQUITY,SMB,HML,UST10Y,imputed,refusal", lines[0]);
        int featureRows;
        await using (FileStream parquet = File.OpenRead(features))
        {
            featureRows = (await MacroLab.Data.Storage.ParquetFiles.ReadTableAsync(parquet, features)).RowCount;
        }

        Assert.Equal(featureRows, lines.Length - 1);
        int decided = 0, imputedRows = 0, refusedRows = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split(',');
            if (fields[^1].Length > 0)
            {
                refusedRows++;
                Assert.Contains("no decision", fields[^1], StringComparison.Ordinal);
                Assert.All(fields[1..5], f => Assert.Empty(f));
                continue;
            }

            decided++;
            imputedRows += fields[^2].Length > 0 ? 1 : 0;
            double gross = fields[1..5].Sum(v => Math.Abs(double.Parse(v, CultureInfo.InvariantCulture)));
            Assert.True(gross <= 1 + 1e-6, line);
        }

        Assert.True(decided > 500, $"{decided} decisions");
        Assert.True(imputedRows > 0 && refusedRows > 0, $"{imputedRows} imputed, {refusedRows} refused: the bundled history starts with unknown inputs");
        Assert.Contains($"Scored {decided} of {featureRows} dates", output, StringComparison.Ordinal);

        // --skip-incomplete leaves the refused dates out.
        (code, _, error) = await Cli.RunAsync("predict", "--model", Path.Combine(model, "model.onnx"), "--input", features, "--out", _folder.File("kept.csv"), "--skip-incomplete");
        Assert.True(code == 0, error);
        Assert.Equal(decided, File.ReadAllLines(_folder.File("kept.csv")).Length - 1);

        // Without a card: integrity is not checked, and the first missing value is an error naming the file and column.
        string bare = _folder.File("bare");
        Directory.CreateDirectory(bare);
        File.Copy(Path.Combine(model, "model.onnx"), Path.Combine(bare, "model.onnx"));
        (code, output, error) = await Cli.RunAsync("predict", "--model", Path.Combine(bare, "model.onnx"), "--input", features, "--out", _folder.File("t2.csv"));
        Assert.Equal(65, code);
        Assert.Contains(features, error, StringComparison.Ordinal);
        Assert.Contains("missing", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("t2.csv")));
        (code, output, error) = await Cli.RunAsync("predict", "--model", Path.Combine(bare, "model.onnx"), "--input", features, "--out", _folder.File("t2.csv"), "--skip-incomplete");
        Assert.True(code == 0, error);
        Assert.Contains("Integrity NOT checked", output, StringComparison.Ordinal);
        Assert.Equal("date,US_EQUITY,SMB,HML,UST10Y", File.ReadLines(_folder.File("t2.csv")).First());

        // A changed ONNX file (one bit) is refused against the card, given or beside it, and nothing is written.
        byte[] flipped = File.ReadAllBytes(Path.Combine(model, "model.onnx"));
        flipped[flipped.Length / 2] ^= 0x01;
        File.WriteAllBytes(Path.Combine(bare, "model.onnx"), flipped);
        (code, _, error) = await Cli.RunAsync("predict", "--model", Path.Combine(bare, "model.onnx"), "--card", Path.Combine(model, "model-card.json"), "--input", features, "--out", _folder.File("t4.csv"));
        Assert.Equal(65, code);
        Assert.Contains("does not match the model card's onnxSha256", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("t4.csv")));

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
        Assert.Equal(78, code);
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
