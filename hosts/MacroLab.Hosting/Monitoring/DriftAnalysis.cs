using System.Globalization;
using MacroLab.Backtest;
using MacroLab.Data;
using MacroLab.Data.Drift;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Reporting;
using MacroLab.Scoring;

namespace MacroLab.Hosting.Monitoring;

/// <summary>
/// A drift report for a pipeline's model: its inputs on the training window (the drift reference the pipeline stored) against
/// current data (the API's prediction log, or Gold rows after the window), input by input, plus prediction drift (the model's
/// tilts on the reference against the tilts served) and target drift (realized forward returns, Gold only).
/// </summary>
public static class DriftAnalysis
{
    /// <summary>Runs the comparison.</summary>
    /// <exception cref="MissingStageOutputException">The pipeline has not stored a drift reference or a model yet.</exception>
    /// <exception cref="InvalidOperationException">The current data has no rows.</exception>
    public static async Task<DriftResult> RunAsync(Lake lake, DriftRequest request, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Validate();
        string name = request.Config.Name;
        DatasetManifest referenceManifest = await RequireAsync(lake, RunLayout.DriftReference(name), cancellationToken);
        TimeSeriesTable reference = await lake.ReadTableAsync(referenceManifest.Dataset, cancellationToken).ConfigureAwait(false);
        DatasetManifest baselineManifest = await RequireAsync(lake, RunLayout.DriftBaseline(name), cancellationToken);
        DriftBaselineDocument baseline = HostingJsonContext.Read(await lake.ReadContentAsync(baselineManifest, cancellationToken),
            HostingJsonContext.Default.DriftBaselineDocument, baselineManifest.DataKey);
        DatasetManifest cardManifest = await RequireAsync(lake, RunLayout.ModelCard(name), cancellationToken);
        ModelCard card = ModelCardJson.Deserialize(await lake.ReadContentAsync(cardManifest, cancellationToken), cardManifest.DataKey);
        DatasetManifest onnxManifest = await RequireAsync(lake, RunLayout.ModelOnnx(name), cancellationToken);
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(await lake.ReadContentAsync(onnxManifest, cancellationToken), source: onnxManifest.DataKey);

        DriftColumn[] referenceInputs = [.. reference.Columns.Select((c, i) => new DriftColumn(c, reference.Column(i).ToArray()))];
        DriftColumn[] referencePredictions = Predictions(scorer, Windows(reference.RowCount, scorer.Lookback, scorer.FeatureNames.Count, (r, f) => reference.Column(f)[r]));
        DriftColumn[]? referenceTargets = null;
        DriftColumn[] currentInputs;
        DriftColumn[]? currentPredictions, currentTargets = null;
        DriftSample current;
        if (request.Source == DriftSource.PredictionLog)
        {
            PredictionLogTable log = await PredictionLog.ReadAsync(lake.Store, baseline.Model,
                new PredictionLogQuery { Version = request.Version, From = request.From, Until = request.Until }, cancellationToken);
            if (log.RowCount == 0)
            {
                throw new MissingStageOutputException(
                    $"The prediction log of {baseline.Model} ({lake.Store.Location}/{PredictionLog.ModelPrefix(baseline.Model)}) has no served rows{Window(request)}; serve the model (macrolab serve) or compare with --current gold.");
            }

            currentInputs = [.. reference.Columns.Select(c => new DriftColumn(c, log.FeatureNames.Contains(c) ? log.Input(c) : Enumerable.Repeat(double.NaN, log.RowCount).ToArray()))];
            currentPredictions = [.. scorer.Assets.Select(a => new DriftColumn(a, log.Assets.Contains(a) ? log.Output(a) : Enumerable.Repeat(double.NaN, log.RowCount).ToArray()))];
            current = new DriftSample($"{lake.Store.Location}/{PredictionLog.ModelPrefix(baseline.Model)} ({log.Files} objects{(log.Truncated ? $", the newest {log.RowCount} rows" : string.Empty)})",
                log.LoggedAt[0].ToString("O", CultureInfo.InvariantCulture), log.LoggedAt[^1].ToString("O", CultureInfo.InvariantCulture), log.RowCount);
        }
        else
        {
            // Gold after the reference window, at every decision date the model decides on by its missing-input policy (the
            // code the pipeline's decisions, macrolab predict and the API apply): each input compared on its known values,
            // the tilts as the policy makes them, realized returns where the labels reach.
            GoldDatasetRequest goldRequest = PipelineOptions.Gold(request.Config);
            IReadOnlyList<DatasetManifest> manifests = await GoldDataset.ResolveAsync(lake, goldRequest, cancellationToken).ConfigureAwait(false);
            TimeSeriesTable table = await lake.ReadTableAsync(manifests[0].Dataset, cancellationToken).ConfigureAwait(false);
            var signals = new List<TimeSeriesTable>();
            foreach (DatasetManifest manifest in manifests.Skip(2))
            {
                signals.Add(await lake.ReadTableAsync(manifest.Dataset, cancellationToken).ConfigureAwait(false));
            }

            double[][] columns = ModelInputColumns.Read(table, signals, card.FeatureNames);
            InputImputer imputer = card.Imputer();
            DateOnly after = baseline.Last;
            DateOnly? from = request.From is { } f0 ? DateOnly.FromDateTime(f0.UtcDateTime) : null, until = request.Until is { } u0 ? DateOnly.FromDateTime(u0.UtcDateTime) : null;
            var raw = new double[imputer.Width];
            var input = new float[imputer.Width];
            var currentRows = new List<int>();
            var inputs = new List<float>();
            int refused = 0;
            for (int r = 0; r < table.RowCount; r++)
            {
                DateOnly date = table.Dates[r];
                if (date <= after || (from is not null && date < from) || (until is not null && date >= until))
                {
                    continue;
                }

                ModelInputColumns.Window(columns, r, card.Lookback, raw);
                if (imputer.Fill(raw, input).IsRefused)
                {
                    refused++;
                    continue;
                }

                currentRows.Add(r);
                inputs.AddRange(input);
            }

            if (currentRows.Count == 0)
            {
                throw new MissingStageOutputException(refused == 0
                    ? $"Gold has no decision date after the reference window (last {baseline.Last:yyyy-MM-dd}){Window(request)}: ingest newer data (macrolab run with newer source files), or compare with what the API served (drift without --current gold)."
                    : $"Gold has {refused} decision date(s) after the reference window (last {baseline.Last:yyyy-MM-dd}){Window(request)}, and the model's missing-input policy refuses every one (more than {imputer.Policy.MaxImputedShare:P0} of its inputs unknown): ingest newer data for its inputs, or compare with what the API served (drift without --current gold).");
            }

            currentInputs = [.. card.FeatureNames.Select((f, j) => new DriftColumn(f, currentRows.Select(r => columns[j][r]).ToArray()))];
            float[] tilts = scorer.Score([.. inputs]);
            int assets = scorer.Assets.Count;
            currentPredictions = [.. scorer.Assets.Select((a, j) => new DriftColumn(a, Enumerable.Range(0, currentRows.Count).Select(k => (double)tilts[(k * assets) + j]).ToArray()))];

            BacktestDataset data = BacktestDataset.FromGold(await GoldDataset.LoadAsync(lake, goldRequest, cancellationToken).ConfigureAwait(false));
            int[] inputColumns = [.. card.FeatureNames.Select(f => data.FeatureNames.ToList().IndexOf(f))];
            bool Complete(int row) => inputColumns.All(c => c >= 0 && double.IsFinite(data.Feature(row, c)));
            int horizon = card.Horizon;
            double[] Target(IEnumerable<int> rows, int asset) => [.. rows.Where(r => r >= 0 && r + horizon <= data.RowCount).Select(r => data.CompoundedReturn(r, horizon, asset))];
            int[] referenceRows = [.. Enumerable.Range(0, data.RowCount).Where(r => data.Dates[r] >= baseline.First && data.Dates[r] <= baseline.Last && Complete(r))];
            int[] labelled = [.. currentRows.Select(r => data.Dates.ToList().BinarySearch(table.Dates[r]))];
            referenceTargets = [.. data.Assets.Select((a, i) => new DriftColumn(a, Target(referenceRows, i)))];
            currentTargets = [.. data.Assets.Select((a, i) => new DriftColumn(a, Target(labelled, i)))];
            if (currentTargets.All(t => t.Values.Count == 0))
            {
                currentTargets = null;
            }

            current = new DriftSample($"Gold after {after:yyyy-MM-dd}",
                table.Dates[currentRows[0]].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), table.Dates[currentRows[^1]].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), currentRows.Count);
        }

        DatasetDrift features = DriftDetector.Compare(referenceInputs, currentInputs, request.Options);
        DatasetDrift? predictions = currentPredictions is null ? null : DriftDetector.Compare(referencePredictions, currentPredictions, request.Options);
        DatasetDrift? targets = currentTargets is null || referenceTargets is null ? null : DriftDetector.Compare(referenceTargets, currentTargets, request.Options);
        var document = new DriftReportDocument(baseline.Model, baseline.Version, (time ?? TimeProvider.System).GetUtcNow(),
            new DriftSample($"{referenceManifest.Dataset}@{referenceManifest.ContentSha256}",
                reference.Dates[0].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reference.Dates[^1].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reference.RowCount),
            current, features, predictions, targets);
        return new DriftResult(document, new DriftSamples(referenceInputs, currentInputs),
            currentPredictions is null ? null : new DriftSamples(referencePredictions, currentPredictions),
            currentTargets is null || referenceTargets is null ? null : new DriftSamples(referenceTargets, currentTargets));
    }

    private static async Task<DatasetManifest> RequireAsync(Lake lake, string dataset, CancellationToken cancellationToken) =>
        await lake.GetManifestAsync(dataset, cancellationToken)
        ?? throw new MissingStageOutputException($"The lake has no {dataset}: run the pipeline through its drift stage first (macrolab run).");

    private static string Window(DriftRequest request) =>
        request.From is null && request.Until is null ? string.Empty : $" between {request.From?.ToString("O", CultureInfo.InvariantCulture) ?? "the start"} and {request.Until?.ToString("O", CultureInfo.InvariantCulture) ?? "now"}";

    /// <summary>Rows of a per-date table as model inputs: for a window model, each row from the lookback-th on with its predecessors.</summary>
    private static (int Count, Func<int, IEnumerable<float>> Row) Windows(int rows, int lookback, int features, Func<int, int, double> value)
    {
        int count = Math.Max(0, rows - lookback + 1);
        return (count, k => Enumerable.Range(0, lookback).SelectMany(s => Enumerable.Range(0, features).Select(f => (float)value(k + s, f))));
    }

    private static DriftColumn[] Predictions(OnnxTiltScorer scorer, (int Count, Func<int, IEnumerable<float>> Row) windows) => Predictions(scorer, windows.Count, windows.Row);

    private static DriftColumn[] Predictions(OnnxTiltScorer scorer, int count, Func<int, IEnumerable<float>> row)
    {
        if (count == 0)
        {
            return [.. scorer.Assets.Select(a => new DriftColumn(a, Array.Empty<double>()))];
        }

        float[] inputs = [.. Enumerable.Range(0, count).SelectMany(row)];
        float[] tilts = scorer.Score(inputs);
        int assets = scorer.Assets.Count;
        return [.. scorer.Assets.Select((a, j) => new DriftColumn(a, Enumerable.Range(0, count).Select(k => (double)tilts[(k * assets) + j]).ToArray()))];
    }
}
