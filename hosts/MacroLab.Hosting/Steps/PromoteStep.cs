using System.Diagnostics;
using System.Globalization;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Events;
using MacroLab.Hosting.Pipeline;
using MacroLab.Registry;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// Points the alias (champion) at the run's version when every gate passed. A rejected version never gets it. A version
/// that held the alias before and was moved away from (a rollback, or a newer champion) is not put back automatically:
/// people's decisions in the alias history stand until someone promotes it by hand.
/// </summary>
internal sealed class PromoteStep : IPipelineStep
{
    public string Name => StageGraph.Promote;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string name = context.Config.Name, alias = context.Config.Registry.Alias;
        (DatasetManifest manifest, byte[] json) = await StepLake.ReadAsync(context, RunLayout.Registration(name), StageGraph.Register, cancellationToken).ConfigureAwait(false);
        RegistrationDocument registration = HostingJsonContext.Read(json, HostingJsonContext.Default.RegistrationDocument, manifest.DataKey);
        (DatasetManifest gatesManifest, byte[] gatesJson) = await StepLake.ReadAsync(context, RunLayout.Gates(name), StageGraph.Gates, cancellationToken).ConfigureAwait(false);
        GatesDocument gates = HostingJsonContext.Read(gatesJson, HostingJsonContext.Default.GatesDocument, gatesManifest.DataKey);
        string version = string.Create(CultureInfo.InvariantCulture, $"{registration.Model}:{registration.Version}");

        if (!gates.Verdict.Passed)
        {
            await context.Events.PublishAsync(new LabEvent($"{registration.Model}-v{registration.Version.ToString(CultureInfo.InvariantCulture)}-rejected", LabEventTypes.Rejection,
                registration.Model, registration.Version, context.Clock.GetUtcNow(), context.Actor, $"{version} failed its gates: {gates.Verdict.Summary}",
                new Dictionary<string, string> { ["failed"] = string.Join(",", gates.Verdict.Gates.Where(g => !g.Passed).Select(g => g.Name)), ["alias"] = alias }), cancellationToken).ConfigureAwait(false);
            return Outcome(StepStatus.Declined, PromotionDecision.Rejected, $"{version} is not promoted to {alias}: {gates.Verdict.Summary}", started);
        }

        if (!context.Config.Registry.Promote)
        {
            return Outcome(StepStatus.Declined, PromotionDecision.NotPromoted, $"{version} passed every gate; promotion is switched off (registry.promote: false)", started);
        }

        IReadOnlyList<ModelAlias> aliases = await context.Registry.GetAliasesAsync(registration.Model, cancellationToken).ConfigureAwait(false);
        ModelAlias? current = aliases.FirstOrDefault(a => string.Equals(a.Alias, alias, StringComparison.Ordinal));
        if (current?.Version == registration.Version)
        {
            return Outcome(StepStatus.Unchanged, PromotionDecision.AlreadyPromoted, $"{version} is already {alias}", started);
        }

        IReadOnlyList<AliasChange> history = await context.Registry.GetAliasHistoryAsync(registration.Model, alias, cancellationToken).ConfigureAwait(false);
        if (history.LastOrDefault(h => h.FromVersion == registration.Version) is { } movedAway)
        {
            return Outcome(StepStatus.Declined, PromotionDecision.NotPromoted, string.Create(CultureInfo.InvariantCulture,
                $"{version} was {alias} before and {movedAway.Actor} moved {alias} away from it on {movedAway.At:yyyy-MM-dd HH:mm} UTC ({movedAway.Reason}); it is not put back automatically (macrolab registry promote {version} --alias {alias} does)."), started);
        }

        AliasChange change = await context.Registry.SetAliasAsync(registration.Model, alias, registration.Version, new AliasChangeRequest(context.Actor,
            $"pipeline {name}: {gates.Verdict.Summary} (config {context.ConfigSha256[..12]}, commit {context.Build.GitCommit?[..Math.Min(12, context.Build.GitCommit.Length)] ?? "unknown"})")
        {
            ExpectedRevision = current?.Revision ?? (history.Count > 0 ? history[^1].Revision : 0),
        }, cancellationToken).ConfigureAwait(false);
        string from = change.FromVersion is { } previous ? string.Create(CultureInfo.InvariantCulture, $"v{previous}") : "nothing";
        await context.Events.PublishAsync(AliasEvents.Of(LabEventTypes.Promotion, change), cancellationToken).ConfigureAwait(false);
        return Outcome(StepStatus.Written, PromotionDecision.Promoted, string.Create(CultureInfo.InvariantCulture, $"{alias}: {from} -> v{registration.Version} ({version} passed every gate)"), started);
    }

    private StepOutcome Outcome(StepStatus status, PromotionDecision decision, string note, long started) =>
        new(Name, status, [], [note], Stopwatch.GetElapsedTime(started)) { Detail = decision };
}
