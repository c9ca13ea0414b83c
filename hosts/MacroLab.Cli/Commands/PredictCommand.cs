using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using System.Text;
using MacroLab.Scoring;

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
        var skipIncomplete = new Option<bool>("--skip-incomplete")
        {
            Description = "Leave out of the output the dates that get no decision: with a model card, those its missing-input policy refuses (they are counted); " +
                "without one, dates with a missing input (instead of failing).",
        };
        var command = new Command("predict",
            "Score a feature table with an exported tilt model (ONNX Runtime). For a Transformer, each date's input is the window of the last <lookback> rows, " +
            "so the first lookback-1 dates get no tilts. With the model card (beside the model, or --card) the file is checked against it and missing features " +
            "are handled by the model's policy, as in its backtest and in the API: imputed at their training mean and named in the 'imputed' column, or the decision " +
            "refused with the reason in the 'refusal' column when too many are unknown. Text that is not a number is an error naming the line and column.")
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
            (string integrity, ModelCard? modelCard) = await VerifyAsync(scorer, onnx, modelFile, parse.GetValue(card), cancellationToken);
            CsvTable table = await CsvTable.ReadAsync(parse.GetRequiredValue(input), cancellationToken);
            int dateColumn = table.Column("date", "--input");
            int[] columns = [.. scorer.FeatureNames.Select(name => table.Header.ToList().IndexOf(name) is var c and >= 0
                ? c
                : throw new UsageException($"--input: {table.Source} has no column '{name}', which the model needs ({scorer.FeatureNames.Count} features; see model-card.json)."))];
            int features = columns.Length, lookback = scorer.Lookback, rows = table.Count;
            bool skip = parse.GetValue(skipIncomplete);
            var raw = new double[rows * features];
            for (int r = 0; r < rows; r++)
            {
                for (int f = 0; f < features; f++)
                {
                    string field = table.Field(r, columns[f]);
                    bool parsed = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);
                    if (!parsed && (field.Length > 0 || (modelCard is null && !skip)))
                    {
                        throw new MacroLab.Data.DataFormatException(table.Source, table.Line(r), scorer.FeatureNames[f], field,
                            field.Length == 0 ? "the feature is missing and there is no model card to impute it from; pass --card, or --skip-incomplete" : "not a finite number");
                    }

                    raw[(r * features) + f] = parsed ? value : double.NaN;
                }
            }

            // With a card, every date from the first full window gets a decision by the model's missing-input policy (the code the
            // backtest and the API use): imputed inputs are named, and a refused decision says why. Without one, only complete windows are scored.
            InputImputer? imputer = modelCard?.Imputer();
            int width = lookback * features, assets = scorer.Assets.Count;
            var builder = new StringBuilder();
            builder.Append("date,").AppendJoin(',', scorer.Assets.Select(CsvOutput.Field)).Append(imputer is null ? "\n" : ",imputed,refusal\n");
            int scored = 0, imputedRows = 0, refused = 0, skipped = 0;
            var modelInput = new float[width];
            var tilts = new float[assets];
            for (int r = lookback - 1; r < rows; r++)
            {
                ReadOnlySpan<double> window = raw.AsSpan((r - lookback + 1) * features, width);
                string? refusal = null;
                IReadOnlyList<string> imputed = [];
                if (imputer is not null)
                {
                    Imputation imputation = imputer.Fill(window, modelInput);
                    refusal = imputation.Refusal;
                    imputed = imputation.Imputed > 0 ? imputer.ImputedFeatures(window) : [];
                }
                else if (HasMissing(window))
                {
                    skipped++;
                    continue;
                }
                else
                {
                    for (int i = 0; i < width; i++)
                    {
                        modelInput[i] = (float)window[i];
                    }
                }

                if (refusal is not null && skip)
                {
                    refused++;
                    continue;
                }

                builder.Append(table.Field(r, dateColumn));
                if (refusal is null)
                {
                    scorer.Score(modelInput, tilts);
                    scored++;
                    imputedRows += imputed.Count > 0 ? 1 : 0;
                    foreach (float tilt in tilts)
                    {
                        builder.Append(',').Append(tilt.ToString("R", CultureInfo.InvariantCulture));
                    }
                }
                else
                {
                    refused++;
                    builder.Append(',', assets);
                }

                if (imputer is not null)
                {
                    builder.Append(',').Append(CsvOutput.Field(string.Join(';', imputed))).Append(',').Append(CsvOutput.Field(refusal ?? string.Empty));
                }

                builder.Append('\n');
            }

            FileInfo target = parse.GetRequiredValue(output);
            byte[] bytes = Encoding.UTF8.GetBytes(builder.ToString());
            await AtomicFile.WriteAsync(target, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
            console.Out.WriteLine(integrity);
            string outcome = imputer is null
                ? (skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $"; skipped {skipped} with missing inputs (no model card to impute them)") : string.Empty)
                : string.Create(CultureInfo.InvariantCulture,
                    $"; {imputedRows} with inputs imputed at their training mean, {refused} refused by the model's policy (more than {imputer.Policy.MaxImputedShare:P0} of the inputs unknown){(skip && refused > 0 ? ", left out" : string.Empty)}");
            string summary = string.Create(CultureInfo.InvariantCulture,
                $"Scored {scored} of {rows} dates with {scorer.ModelName} ({features} features, {assets} assets{(lookback > 1 ? $", lookback {lookback}" : string.Empty)}){outcome}.");
            console.Out.WriteLine(summary);
            console.Out.WriteLine($"Wrote {target.FullName}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static bool HasMissing(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Checks the ONNX file against its model card (the given one, else <c>model-card.json</c> beside it) and says what was
    /// checked; without a card, says that integrity was not checked.
    /// </summary>
    private static async Task<(string Integrity, ModelCard? Card)> VerifyAsync(OnnxTiltScorer scorer, byte[] onnx, FileInfo model, FileInfo? given, CancellationToken cancellationToken)
    {
        FileInfo? cardFile = given ?? new FileInfo(Path.Combine(model.DirectoryName ?? ".", ModelArtifacts.CardFileName));
        if (!cardFile.Exists)
        {
            return given is null
                ? ($"Integrity NOT checked: there is no {ModelArtifacts.CardFileName} beside {model.FullName} (pass --card to check the file against its model card).", null)
                : throw new FileNotFoundException($"--card: {cardFile.FullName} does not exist.", cardFile.FullName);
        }

        ModelCard modelCard = ModelCardJson.Deserialize(await File.ReadAllBytesAsync(cardFile.FullName, cancellationToken), cardFile.FullName);
        ModelCardJson.VerifyOnnx(modelCard, onnx, scorer.ModelCardSha256, model.FullName);
        return ($"Integrity checked: {model.Name} has the SHA-256 {modelCard.OnnxSha256![..16]}... that {cardFile.FullName} records.", modelCard);
    }
}
