using MacroLab.Telemetry;

namespace MacroLab.Hosting.Monitoring;

/// <summary>
/// A drift report as a CloudWatch Embedded Metric Format document (namespace <c>MacroLab/Drift</c>, dimension
/// <c>Model</c>): the drifted share of the model's inputs, how many drifted, whether the dataset drifted, and the same for
/// its predictions when they were compared. <c>macrolab drift</c> writes it when <c>MACROLAB_METRICS=emf</c>; the stack's
/// drift alarm reads <c>InputDriftShare</c>.
/// </summary>
public static class DriftMetrics
{
    /// <summary>The CloudWatch namespace of the drift metrics.</summary>
    public const string Namespace = "MacroLab/Drift";

    /// <summary>The document of one report.</summary>
    public static EmbeddedMetricsDocument Of(DriftReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        EmbeddedMetricsDocument document = new EmbeddedMetricsDocument(Namespace, report.GeneratedAt)
            .Dimension("Model", report.Model)
            .Metric("InputDriftShare", "None", report.Features.Share)
            .Metric("InputsDrifted", "Count", report.Features.DriftedColumns)
            .Metric("InputDatasetDrifted", "Count", report.Features.Drifted ? 1 : 0);
        if (report.Predictions is { } predictions)
        {
            document.Metric("PredictionDriftShare", "None", predictions.Share);
        }

        return document;
    }
}
