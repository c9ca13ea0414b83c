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

    /// <summary>
    /// The report's metrics: <see cref="Of"/>, then one document per input with dimensions <c>Model</c> and <c>Column</c>:
    /// <c>InputColumnDrifted</c> (1 or 0) and <c>InputColumnDriftValue</c> (the column's p-value or distance).
    /// </summary>
    public static IReadOnlyList<EmbeddedMetricsDocument> All(DriftReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var documents = new List<EmbeddedMetricsDocument> { Of(report) };
        foreach (Data.Drift.ColumnDrift column in report.Features.Columns)
        {
            var document = new EmbeddedMetricsDocument(Namespace, report.GeneratedAt) { Rollup = false }
                .Dimension("Model", report.Model)
                .Dimension("Column", column.Column)
                .Metric("InputColumnDrifted", "Count", column.Drifted ? 1 : 0);
            if (double.IsFinite(column.Value))
            {
                document.Metric("InputColumnDriftValue", "None", column.Value);
            }

            documents.Add(document);
        }

        return documents;
    }
}
