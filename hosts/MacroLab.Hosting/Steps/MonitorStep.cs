using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MacroLab.Data;
using MacroLab.Data.Drift;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Events;
using MacroLab.Hosting.Monitoring;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The retraining policy, after each ingest: the model the pipeline trained last, asked about the Gold decision dates after
/// its training window (its inputs against its drift reference, as <c>macrolab drift --current gold</c> does), and the
/// champion's live record. Each new Gold version is one check, appended to <c>gold/monitoring/&lt;name&gt;/checks</c>; drift
/// publishes a <c>drift</c> event, and the policy (<see cref="MonitoringConfig"/>: drifted for N checks in a row, or live
/// underperformance) a <c>retrain</c> event, once per Gold version. Retraining is a pipeline run, whose gates still decide.
/// </summary>
internal sealed class MonitorStep : IPipelineStep
{
    public string Name => StageGraph.Monitor;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string name = context.Config.Name, model = context.ModelName, output = RunLayout.Monitoring(name);
        MonitoringConfig policy = context.Config.Monitoring;
        IReadOnlyList<DatasetManifest> gold = await GoldDataset.ResolveAsync(context.Lake, PipelineOptions.Gold(context.Config), cancellationToken).ConfigureAwait(false);
        string data = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", gold.Select(m => $"{m.Dataset}={m.ContentSha256}")))))[..16];
        MonitoringDocument history = await ReadAsync(context.Lake, output, model, cancellationToken).ConfigureAwait(false);
        if (await context.Lake.GetManifestAsync(RunLayout.ModelCard(name), cancellationToken).ConfigureAwait(false) is { } cardManifest)
        {
            ModelCard card = ModelCardJson.Deserialize(await context.Lake.ReadContentAsync(cardManifest, cancellationToken).ConfigureAwait(false), cardManifest.DataKey);
            if (gold.All(m => card.Lineage.TryGetValue(m.Dataset, out string? digest) && digest == m.ContentSha256))
            {
                return Outcome(StepStatus.Unchanged, [$"no Gold data newer than the model was trained on: nothing to monitor"], started, null);
            }
        }

        DriftResult result;
        try
        {
            result = await DriftAnalysis.RunAsync(context.Lake, new DriftRequest
            {
                Config = context.Config,
                Source = DriftSource.Gold,
                Options = new DriftOptions { DriftShare = policy.DriftShare },
            }, context.Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (MissingStageOutputException missing)
        {
            return Outcome(StepStatus.Declined, [$"nothing to monitor yet: {missing.Message}"], started, null);
        }

        DriftReportDocument report = result.Document;
        if (history.Checks.Count > 0 && history.Checks[^1] is { } last && last.Data == data && last.Version == report.Version)
        {
            return Outcome(StepStatus.Unchanged, [last.Reason], started, new MonitorResult(last, report));
        }

        bool drifted = report.Features.Drifted;
        int consecutive = drifted ? 1 + (history.Checks.Count > 0 && history.Checks[^1].Drifted ? history.Checks[^1].Consecutive : 0) : 0;
        bool underperforming = await UnderperformingAsync(context, model, cancellationToken).ConfigureAwait(false);
        bool retrainForDrift = policy.ConsecutiveRuns > 0 && consecutive >= policy.ConsecutiveRuns;
        bool retrain = retrainForDrift || (policy.RetrainOnUnderperformance && underperforming);
        string reason = string.Create(CultureInfo.InvariantCulture,
            $"{report.Features.DriftedColumns} of {report.Features.Columns.Count} inputs drifted (share {report.Features.Share:0.00}, threshold {policy.DriftShare:0.00}) on {report.Current.Rows} Gold dates after v{report.Version}'s training window") +
            (drifted ? string.Create(CultureInfo.InvariantCulture, $"; drifted {consecutive} check{(consecutive == 1 ? string.Empty : "s")} in a row") : string.Empty) +
            (underperforming ? "; the champion's live record underperforms its backtest" : string.Empty) +
            (retrain ? (retrainForDrift ? string.Create(CultureInfo.InvariantCulture, $": retraining asked (policy: {policy.ConsecutiveRuns} drifted checks)") : ": retraining asked (policy: live underperformance)") : string.Empty);
        var check = new MonitorCheck(data, context.Clock.GetUtcNow(), report.Version, report.Current.Rows, report.Features.Share, drifted,
            [.. report.Features.Columns.Where(c => c.Drifted).Select(c => c.Column)], consecutive, underperforming, retrain, reason);

        var recipe = new DatasetRecipe(Name, 1, new Dictionary<string, string> { ["model"] = model, ["data"] = data }, [.. gold.Select(StepLake.Input)]);
        LakeTransaction transaction = context.Lake.BeginTransaction();
        transaction.AddFile(output, "checks.json", JsonSerializer.SerializeToUtf8Bytes(history with { Checks = [.. history.Checks, check] }, HostingJsonContext.Default.MonitoringDocument),
            "application/json", recipe, new Dictionary<string, string> { ["retrain"] = retrain ? "true" : "false" });
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        if (DriftEvents.Of(report, context.Actor) is { } driftEvent)
        {
            await context.Events.PublishAsync(driftEvent, cancellationToken).ConfigureAwait(false);
        }

        if (retrain)
        {
            await context.Events.PublishAsync(new LabEvent($"{model}-retrain-{data}", LabEventTypes.Retrain, model, report.Version, check.At, context.Actor, reason,
                new Dictionary<string, string>
                {
                    ["data"] = data,
                    ["consecutive"] = consecutive.ToString(CultureInfo.InvariantCulture),
                    ["underperforming"] = underperforming ? "true" : "false",
                    ["share"] = report.Features.Share.ToString("R", CultureInfo.InvariantCulture),
                }), cancellationToken).ConfigureAwait(false);
        }

        return Outcome(StepStatus.Written, [check.Reason], started, new MonitorResult(check, report)) with { Datasets = [output] };
    }

    private static async Task<bool> UnderperformingAsync(PipelineContext context, string model, CancellationToken cancellationToken)
    {
        if (await context.Lake.GetManifestAsync(TrackStep.Dataset(model, context.Config.Registry.Alias), cancellationToken).ConfigureAwait(false) is not { } manifest)
        {
            return false;
        }

        TrackRecordDocument track = HostingJsonContext.Read(await context.Lake.ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false),
            HostingJsonContext.Default.TrackRecordDocument, manifest.DataKey);
        return track.Verdict == TrackStep.Underperforming;
    }

    private static async Task<MonitoringDocument> ReadAsync(Lake lake, string dataset, string model, CancellationToken cancellationToken) =>
        await lake.GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false) is { } manifest
            ? HostingJsonContext.Read(await lake.ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false), HostingJsonContext.Default.MonitoringDocument, manifest.DataKey)
            : new MonitoringDocument(model, []);

    private StepOutcome Outcome(StepStatus status, IReadOnlyList<string> notes, long started, MonitorResult? result) =>
        new(Name, status, [], notes, Stopwatch.GetElapsedTime(started)) { Detail = result };
}
