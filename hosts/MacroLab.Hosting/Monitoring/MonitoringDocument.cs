namespace MacroLab.Hosting.Monitoring;

/// <summary>The monitor stage's checks, oldest first (<c>gold/monitoring/&lt;name&gt;/checks</c>): one per Gold version and model version.</summary>
/// <param name="Model">The registered model.</param>
/// <param name="Checks">The checks.</param>
public sealed record MonitoringDocument(string Model, IReadOnlyList<MonitorCheck> Checks);

/// <summary>One check of the retraining policy.</summary>
/// <param name="Data">The digest of the Gold tables checked (features, labels, signals).</param>
/// <param name="At">When the check ran (UTC).</param>
/// <param name="Version">The model version whose training window the new rows were compared with.</param>
/// <param name="Rows">The Gold decision dates after that window that were compared.</param>
/// <param name="Share">The share of the model's inputs that drifted.</param>
/// <param name="Drifted">Whether the share reached the policy's threshold.</param>
/// <param name="DriftedColumns">The drifted inputs.</param>
/// <param name="Consecutive">Drifted checks in a row, this one included (0 when it did not drift).</param>
/// <param name="Underperforming">Whether the champion's live record underperformed its backtest at the time.</param>
/// <param name="Retrain">Whether the policy asked for retraining.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record MonitorCheck(
    string Data, DateTimeOffset At, int? Version, int Rows, double Share, bool Drifted, IReadOnlyList<string> DriftedColumns, int Consecutive, bool Underperforming, bool Retrain, string Reason);

/// <summary>What the monitor stage found: the check (new, or the current one when the data had not changed) and the drift report behind it.</summary>
/// <param name="Check">The check.</param>
/// <param name="Report">The drift report.</param>
public sealed record MonitorResult(MonitorCheck Check, DriftReportDocument Report);
