using MacroLab.Data.Drift;

namespace MacroLab.Hosting.Monitoring;

/// <summary>A drift report and the samples it was computed from (for plots).</summary>
/// <param name="Document">The report.</param>
/// <param name="Features">The input samples.</param>
/// <param name="Predictions">The prediction samples, if any.</param>
/// <param name="Targets">The target samples, if any.</param>
public sealed record DriftResult(DriftReportDocument Document, DriftSamples Features, DriftSamples? Predictions, DriftSamples? Targets);

/// <summary>Reference and current columns of one group.</summary>
/// <param name="Reference">The reference columns.</param>
/// <param name="Current">The current columns, same names.</param>
public sealed record DriftSamples(IReadOnlyList<DriftColumn> Reference, IReadOnlyList<DriftColumn> Current);
