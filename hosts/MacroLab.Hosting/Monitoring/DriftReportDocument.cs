using MacroLab.Data.Drift;

namespace MacroLab.Hosting.Monitoring;

/// <summary>A drift report (<c>drift-report.json</c>): inputs, predictions and targets of current data against the training reference.</summary>
/// <param name="Model">The registered model.</param>
/// <param name="Version">The version whose training window is the reference.</param>
/// <param name="GeneratedAt">When the report was made (UTC).</param>
/// <param name="Reference">The reference sample.</param>
/// <param name="Current">The current sample.</param>
/// <param name="Features">Drift of each model input; dataset drift when enough of them drift.</param>
/// <param name="Predictions">Drift of each predicted tilt, or null when the current data has none.</param>
/// <param name="Targets">Drift of each realized target (forward return over the model's horizon), or null when unknown (prediction logs).</param>
public sealed record DriftReportDocument(
    string Model, int? Version, DateTimeOffset GeneratedAt, DriftSample Reference, DriftSample Current, DatasetDrift Features, DatasetDrift? Predictions, DatasetDrift? Targets);

/// <summary>One side of the comparison.</summary>
/// <param name="Source">Where the rows came from (a lake dataset with its digest, or the prediction log's folder).</param>
/// <param name="First">The first row's date or time.</param>
/// <param name="Last">The last row's date or time.</param>
/// <param name="Rows">The rows.</param>
public sealed record DriftSample(string Source, string? First, string? Last, int Rows);
