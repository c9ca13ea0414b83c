using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MacroLab.Backtest;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The drift reference of the registered model: its inputs on every decision date of its training and validation window
/// where all of them are known (the <c>reference</c> table), and each input's distribution (<c>baseline.json</c>). Drift
/// reports compare prediction logs or new Gold rows with it; the registry version is tagged with the table's digest.
/// </summary>
internal sealed class DriftStep : IPipelineStep
{
    /// <summary>The version tag that names the drift reference (<c>dataset@sha256</c>).</summary>
    public const string ReferenceTag = "macrolab.drift.reference";

    private const int Version = 1;

    public string Name => StageGraph.Drift;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string name = context.Config.Name;
        (DatasetManifest cardManifest, byte[] cardJson) = await StepLake.ReadAsync(context, RunLayout.ModelCard(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);
        (DatasetManifest registrationManifest, byte[] registrationJson) = await StepLake.ReadAsync(context, RunLayout.Registration(name), StageGraph.Register, cancellationToken).ConfigureAwait(false);
        RegistrationDocument registration = HostingJsonContext.Read(registrationJson, HostingJsonContext.Default.RegistrationDocument, registrationManifest.DataKey);
        GoldDatasetRequest request = PipelineOptions.Gold(context.Config);
        IReadOnlyList<DatasetManifest> gold = await GoldDataset.ResolveAsync(context.Lake, request, cancellationToken).ConfigureAwait(false);
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string> { ["model"] = context.ModelName },
            [StepLake.Input(cardManifest), StepLake.Input(registrationManifest), .. gold.Select(StepLake.Input)]);
        string reference = RunLayout.DriftReference(name), baseline = RunLayout.DriftBaseline(name);
        StepOutcome outcome = await StepRun.RunAsync(context, Name, started, [reference, baseline], recipe,
            (current, _) => Task.FromResult(new StepReport([current[1].Properties.TryGetValue("summary", out string? summary) ? summary : "up to date"], null)),
            async (transaction, token) =>
            {
                ModelCard card = ModelCardJson.Deserialize(cardJson, cardManifest.DataKey);
                GoldDataset data = await GoldDataset.LoadAsync(context.Lake, request, token).ConfigureAwait(false);
                TimeSeriesTable table = Reference(BacktestDataset.FromGold(data), card);
                if (table.RowCount < 2)
                {
                    throw new InvalidOperationException($"The model's training window has {table.RowCount} dates with every input known; a drift reference needs at least 2.");
                }

                var document = new DriftBaselineDocument(context.ModelName, registration.Version, table.Dates[0], table.Dates[^1], table.RowCount,
                    [.. table.Columns.Select((column, c) => Summarize(column, table.Column(c)))]);
                string note = string.Create(CultureInfo.InvariantCulture,
                    $"{document.Features.Count} inputs on {document.Rows} dates ({document.First:yyyy-MM} .. {document.Last:yyyy-MM}) of {registration.Model}:{registration.Version}");
                var properties = new Dictionary<string, string> { ["summary"] = note };
                await transaction.AddTableAsync(reference, table, recipe, properties, token).ConfigureAwait(false);
                transaction.AddFile(baseline, "baseline.json", JsonSerializer.SerializeToUtf8Bytes(document, HostingJsonContext.Default.DriftBaselineDocument), "application/json", recipe, properties);
                return new StepReport([note], null);
            },
            cancellationToken).ConfigureAwait(false);

        DatasetManifest written = (await context.Lake.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false))!;
        string tag = $"{reference}@{written.ContentSha256}";
        Registry.ModelVersion? version = await context.Registry.GetVersionAsync(registration.Model, registration.Version, cancellationToken).ConfigureAwait(false);
        if (version is not null && (!version.Tags.TryGetValue(ReferenceTag, out string? current) || current != tag))
        {
            await context.Registry.SetVersionTagAsync(registration.Model, registration.Version, ReferenceTag, tag, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Status = StepStatus.Written };
        }

        return outcome with { Elapsed = Stopwatch.GetElapsedTime(started) };
    }

    /// <summary>The model's inputs on the dates of its training and validation samples where every one is known.</summary>
    internal static TimeSeriesTable Reference(BacktestDataset data, ModelCard card)
    {
        int[] columns = [.. card.FeatureNames.Select(f => data.FeatureNames.ToList().IndexOf(f) is var c and >= 0
            ? c
            : throw new InvalidOperationException($"Gold no longer has the model's input '{f}'; rebuild the model (macrolab run --from train)."))];
        DateOnly first = card.TrainingWindow.First, last = card.ValidationWindow?.Last ?? card.TrainingWindow.Last;
        var dates = new List<DateOnly>();
        var values = columns.Select(_ => new List<double>()).ToArray();
        for (int row = 0; row < data.RowCount; row++)
        {
            DateOnly date = data.Dates[row];
            if (date < first || date > last || columns.Any(c => !double.IsFinite(data.Feature(row, c))))
            {
                continue;
            }

            dates.Add(date);
            for (int j = 0; j < columns.Length; j++)
            {
                values[j].Add(data.Feature(row, columns[j]));
            }
        }

        return TimeSeriesTable.Create(dates, card.FeatureNames, [.. values.Select(v => v.ToArray())]);
    }

    /// <summary>Moments, quantiles and a Sturges histogram of one input.</summary>
    internal static FeatureBaseline Summarize(string name, ReadOnlySpan<double> values)
    {
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        double mean = 0;
        foreach (double v in sorted)
        {
            mean += v;
        }

        mean /= n;
        double squares = 0;
        foreach (double v in sorted)
        {
            squares += (v - mean) * (v - mean);
        }

        double min = sorted[0], max = sorted[^1];
        int bins = min == max ? 1 : (int)Math.Ceiling(Math.Log2(n)) + 1;
        double[] edges = [.. Enumerable.Range(0, bins + 1).Select(k => k == bins ? max : min + ((max - min) * k / bins))];
        var counts = new int[bins];
        foreach (double v in sorted)
        {
            int bin = max == min ? 0 : Math.Min(bins - 1, (int)((v - min) / (max - min) * bins));
            counts[bin]++;
        }

        return new FeatureBaseline(name, mean, Math.Sqrt(squares / n), min, max, [.. ((double[])[0.05, 0.25, 0.5, 0.75, 0.95]).Select(q => TrackStatistics.Quantile(sorted, q))],
            edges, counts, sorted.Distinct().Count());
    }
}
