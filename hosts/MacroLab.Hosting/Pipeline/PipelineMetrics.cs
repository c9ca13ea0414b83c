using MacroLab.Telemetry;

namespace MacroLab.Hosting.Pipeline;

/// <summary>
/// A pipeline run as CloudWatch Embedded Metric Format documents (namespace <c>MacroLab/Pipeline</c>): per stage its
/// duration and whether it wrote or skipped (dimensions <c>Pipeline</c>, <c>Stage</c>), and per run whether the candidate
/// was promoted or rejected (dimension <c>Pipeline</c>). The CLI writes them when <c>MACROLAB_METRICS=emf</c>; the stack's
/// alarms read them.
/// </summary>
public static class PipelineMetrics
{
    /// <summary>The CloudWatch namespace of the pipeline's metrics.</summary>
    public const string Namespace = "MacroLab/Pipeline";

    /// <summary>The documents of one run.</summary>
    public static IReadOnlyList<EmbeddedMetricsDocument> Of(string pipeline, IReadOnlyList<StepOutcome> outcomes, PipelineResult result, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(result);
        var documents = new List<EmbeddedMetricsDocument>(outcomes.Count + 1);
        foreach (StepOutcome outcome in outcomes)
        {
            documents.Add(new EmbeddedMetricsDocument(Namespace, timestamp)
                .Dimension("Pipeline", pipeline)
                .Dimension("Stage", outcome.Stage)
                .Metric("StageDuration", "Seconds", outcome.Elapsed.TotalSeconds)
                .Metric("StageWritten", "Count", outcome.Status == StepStatus.Written ? 1 : 0));
        }

        foreach (object? detail in outcomes.Select(o => o.Detail))
        {
            switch (detail)
            {
                case Monitoring.MonitorResult monitor:
                    documents.AddRange(Monitoring.DriftMetrics.All(monitor.Report));
                    documents.Add(new EmbeddedMetricsDocument(Namespace, timestamp)
                        .Dimension("Pipeline", pipeline)
                        .Metric("RetrainAsked", "Count", monitor.Check.Retrain ? 1 : 0));
                    break;
                case Decisions.TrackRecordDocument track:
                    EmbeddedMetricsDocument live = new EmbeddedMetricsDocument(Namespace, timestamp)
                        .Dimension("Pipeline", pipeline)
                        .Dimension("Book", track.Book)
                        .Metric("LiveUnderperforming", "Count", track.Verdict == Steps.TrackStep.Underperforming ? 1 : 0)
                        .Metric("LiveCusum", "None", track.Cusum.Latest)
                        .Metric("LivePeriods", "Count", track.Periods);
                    if (track.LiveSharpe is { } sharpe)
                    {
                        live.Metric("LiveSharpe", "None", sharpe);
                    }

                    documents.Add(live);
                    break;
            }
        }

        if (result.Promotion is not null || result.Summary is not null)
        {
            documents.Add(new EmbeddedMetricsDocument(Namespace, timestamp)
                .Dimension("Pipeline", pipeline)
                .Metric("CandidateRejected", "Count", result.Rejected ? 1 : 0)
                .Metric("CandidatePromoted", "Count", result.Promotion == PromotionDecision.Promoted ? 1 : 0));
        }

        return documents;
    }
}
