using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using System.Text;
using MacroLab.Models;
using MacroLab.Models.Cards;
using MacroLab.Models.Scoring;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab predict</c>: tilts from an exported model for each row of a feature table.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo>("--model") { Description = "The model.onnx written by 'macrolab train'.", Required = true, HelpName = "model.onnx" };
        var input = new Option<FileInfo>("--input")
        {
            Description = "Features: a CSV (header 'date,<feature>,...') or a MacroLab Parquet table (e.g. gold/features/macro_monthly/part-*.parquet), one row per decision date " +
                "in time order. Columns are matched to the model's features by name (extra columns are ignored).",
            Required = true,
            HelpName = "features.csv|parquet",
        };
        var output = new Option<FileInfo>("--out") { Description = "The CSV to write: date and one tilt per asset.", Required = true, HelpName = "tilts.csv" };
        var card = new Option<FileInfo?>("--card")
        {
            Description = "The model card to check the ONNX file against (its SHA-256 and the card digest in its metadata). Default: model-card.json beside the model, when there is one.",
            HelpName = "model-card.json",
        };
        var skipIncomplete = new Option<bool>("--skip-incomplete") { Description = "Skip dates where a feature (or, for a Transformer, a date of its window) is missing, instead of failing." };
        var command = new Command("predict",
            "Score a feature table with an exported tilt model (ONNX Runtime). For a Transformer, each date's input is the window of the last <lookback> rows, " +
            "so the first lookback-1 dates get no tilts. Missing or non-finite features are an error naming the line and column, unless --skip-incomplete.")
        {
            model, input, output, skipIncomplete, card,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            FileInfo modelFile = parse.GetRequiredValue(model);
            if (!modelFile.Exists)
            {
                throw new FileNotFoundException($"The model {modelFile.FullName} does not exist.", modelFile.FullName);
            }

            byte[] onnx = await File.ReadAllBytesAsync(modelFile.FullName, cancellationToken);
            using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(onnx, source: modelFile.FullName);
            string integrity = await VerifyAsync(scorer, onnx, modelFile, parse.GetValue(card), cancellationToken);
            CsvTable table = await CsvTable.ReadAsync(parse.GetRequiredValue(input), cancellationToken);
            int dateColumn = table.Column("date", "--input");
            int[] columns = [.. scorer.FeatureNames.Select(name => table.Header.ToList().IndexOf(name) is var c and >= 0
                ? c
                : throw new UsageException($"--input: {table.Source} has no column '{name}', which the model needs ({scorer.FeatureNames.Count} features; see model-card.json)."))];
            int features = columns.Length, lookback = scorer.Lookback, rows = table.Count;
            var values = new float[rows * features];
            var complete = new bool[rows];
            for (int r = 0; r < rows; r++)
            {
                complete[r] = true;
                for (int f = 0; f < features; f++)
                {
                    string field = table.Field(r, columns[f]);
                    bool parsed = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);
                    if (!parsed && !parse.GetValue(skipIncomplete))
                    {
                        throw new MacroLab.Data.DataFormatException(table.Source, table.Line(r), scorer.FeatureNames[f], field,
                            field.Length == 0 ? "the feature is missing; impute it or pass --skip-incomplete" : "not a finite number");
                    }

                    complete[r] &= parsed;
                    values[(r * features) + f] = parsed ? (float)value : float.NaN;
                }
            }

            var usable = new List<int>();
            int run = 0;
            for (int r = 0; r < rows; r++)
            {
                run = complete[r] ? run + 1 : 0;
                if (run >= lookback)
                {
                    usable.Add(r);
                }
            }

            var builder = new StringBuilder();
            builder.Append("date,").AppendJoin(',', scorer.Assets.Select(CsvOutput.Field)).Append('\n');
            if (usable.Count > 0)
            {
                int width = lookback * features;
                var inputs = new float[usable.Count * width];
                for (int k = 0; k < usable.Count; k++)
                {
                    values.AsSpan((usable[k] - lookback + 1) * features, width).CopyTo(inputs.AsSpan(k * width, width));
                }

                float[] tilts = scorer.Score(inputs);
                int assets = scorer.Assets.Count;
                for (int k = 0; k < usable.Count; k++)
                {
                    builder.Append(table.Field(usable[k], dateColumn));
                    for (int a = 0; a < assets; a++)
                    {
                        builder.Append(',').Append(tilts[(k * assets) + a].ToString("R", CultureInfo.InvariantCulture));
                    }

                    builder.Append('\n');
                }
            }

            FileInfo target = parse.GetRequiredValue(output);
            byte[] bytes = Encoding.UTF8.GetBytes(builder.ToString());
            await AtomicFile.WriteAsync(target, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
            console.Out.WriteLine(integrity);
            console.Out.WriteLine($"Scored {usable.Count} of {rows} dates with {scorer.ModelName} ({features} features, {scorer.Assets.Count} assets{(lookback > 1 ? $", lookback {lookback}" : string.Empty)}).");
            console.Out.WriteLine($"Wrote {target.FullName}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Checks the ONNX file against its model card (the given one, else <c>model-card.json</c> beside it) and says what was
    /// checked; without a card, says that integrity was not checked.
    /// </summary>
    private static async Task<string> VerifyAsync(OnnxTiltScorer scorer, byte[] onnx, FileInfo model, FileInfo? given, CancellationToken cancellationToken)
    {
        FileInfo? cardFile = given ?? new FileInfo(Path.Combine(model.DirectoryName ?? ".", TiltModel.CardFileName));
        if (!cardFile.Exists)
        {
            return given is null
                ? $"Integrity NOT checked: there is no {TiltModel.CardFileName} beside {model.FullName} (pass --card to check the file against its model card)."
                : throw new FileNotFoundException($"--card: {cardFile.FullName} does not exist.", cardFile.FullName);
        }

        ModelCard modelCard = ModelCardJson.Deserialize(await File.ReadAllBytesAsync(cardFile.FullName, cancellationToken), cardFile.FullName);
        ModelCardJson.VerifyOnnx(modelCard, onnx, scorer.ModelCardSha256, model.FullName);
        return $"Integrity checked: {model.Name} has the SHA-256 {modelCard.OnnxSha256![..16]}... that {cardFile.FullName} records.";
    }
}
