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
        StepOutcome outcome = await StepRun.RunAsync(context, Name, started, [report, summaryKey, decisionsKey], recipe,
            async (current, token) => new StepReport([], HostingJsonContext.Read(
                await context.Lake.ReadContentAsync(current[1], token).ConfigureAwait(false), HostingJsonContext.Default.RunSummaryDocument, current[1].DataKey)),
            async (transaction, token) =>
            {
                RunFacts facts = await RunFacts.LoadAsync(context, inputs, token).ConfigureAwait(false);
                progress?.Report(new StageProgress(Name, "computing importance and attribution", 1, 3));
                IReadOnlyList<DecisionRecord> decisions = DecisionHistory.Build(facts);
                RunSummaryDocument summary = RunSummaryBuilder.Build(facts) with { Decisions = DecisionHistory.Summarize(decisions, facts.Card.Assets) };
                progress?.Report(new StageProgress(Name, "drawing charts", 2, 3));
                string html = RunReport.Render(facts, summary, decisions);
                var properties = new Dictionary<string, string> { ["decision"] = summary.Decision, ["reason"] = summary.DecisionReason };
                transaction.AddFile(report, "report.html", Encoding.UTF8.GetBytes(html), "text/html", recipe, properties);
                transaction.AddFile(summaryKey, "summary.json", JsonSerializer.SerializeToUtf8Bytes(summary, HostingJsonContext.Default.RunSummaryDocument), "application/json", recipe, properties);
                transaction.AddFile(decisionsKey, "decisions.json", JsonSerializer.SerializeToUtf8Bytes(decisions, HostingJsonContext.Default.IReadOnlyListDecisionRecord), "application/json", recipe, properties);
                return new StepReport([], summary);
            },
            cancellationToken).ConfigureAwait(false);

        // The report's file, once committed (its key follows its content).
        DatasetManifest written = (await context.Lake.GetManifestAsync(report, cancellationToken).ConfigureAwait(false))!;
        return outcome with { Notes = [RunLayout.Locate(context.Lake, written)] };
    }
}
