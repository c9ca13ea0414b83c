using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Reporting;

namespace MacroLab.Hosting.Steps;

/// <summary>The run report (self-contained HTML) and its JSON summary, in <c>gold/runs/&lt;name&gt;/report|summary</c>.</summary>
internal sealed class ReportStep : IPipelineStep
{
    private const int Version = 1;

    public string Name => StageGraph.Report;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string name = context.Config.Name;
        progress?.Report(new StageProgress(Name, "reading the run", 0, 3));
        RunInputs inputs = await RunInputs.ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
        {
            ["config"] = context.ConfigSha256,
            ["alias"] = $"{context.Config.Registry.Alias}={inputs.AliasVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}",
            ["commit"] = $"{context.Build.GitCommit}/{context.Build.GitDirty}",
            ["packages"] = string.Join(",", context.Build.Packages.Select(p => $"{p.Key}={p.Value}")),
        }, [.. inputs.All.Select(StepLake.Input)]);
        string report = RunLayout.Report(name), summaryKey = RunLayout.Summary(name), decisionsKey = RunLayout.Decisions(name);
        if (!context.Force && await StepLake.AllCurrentAsync(context.Lake, [report, summaryKey, decisionsKey], recipe.Fingerprint, cancellationToken).ConfigureAwait(false))
        {
            DatasetManifest manifest = (await context.Lake.GetManifestAsync(report, cancellationToken).ConfigureAwait(false))!;
            (DatasetManifest summaryManifest, byte[] json) = await StepLake.ReadAsync(context, summaryKey, Name, cancellationToken).ConfigureAwait(false);
            return new StepOutcome(Name, StepStatus.Unchanged, [report, summaryKey, decisionsKey], [RunLayout.Locate(context.Lake, manifest)], Stopwatch.GetElapsedTime(started))
            {
                Detail = HostingJsonContext.Read(json, HostingJsonContext.Default.RunSummaryDocument, summaryManifest.DataKey),
            };
        }

        RunFacts facts = await RunFacts.LoadAsync(context, inputs, cancellationToken).ConfigureAwait(false);
        progress?.Report(new StageProgress(Name, "computing importance and attribution", 1, 3));
        IReadOnlyList<DecisionRecord> decisions = DecisionHistory.Build(facts);
        RunSummaryDocument summary = RunSummaryBuilder.Build(facts) with { Decisions = DecisionHistory.Summarize(decisions, facts.Card.Assets) };
        progress?.Report(new StageProgress(Name, "drawing charts", 2, 3));
        string html = RunReport.Render(facts, summary, decisions);
        var properties = new Dictionary<string, string> { ["decision"] = summary.Decision, ["reason"] = summary.DecisionReason };
        LakeTransaction transaction = context.Lake.BeginTransaction();
        transaction.AddFile(report, "report.html", Encoding.UTF8.GetBytes(html), "text/html", recipe, properties);
        transaction.AddFile(summaryKey, "summary.json", JsonSerializer.SerializeToUtf8Bytes(summary, HostingJsonContext.Default.RunSummaryDocument), "application/json", recipe, properties);
        transaction.AddFile(decisionsKey, "decisions.json", JsonSerializer.SerializeToUtf8Bytes(decisions, HostingJsonContext.Default.IReadOnlyListDecisionRecord), "application/json", recipe, properties);
        IReadOnlyList<DatasetManifest> written = await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StepOutcome(Name, StepStatus.Written, [report, summaryKey, decisionsKey], [RunLayout.Locate(context.Lake, written[0])], Stopwatch.GetElapsedTime(started)) { Detail = summary };
    }
}
