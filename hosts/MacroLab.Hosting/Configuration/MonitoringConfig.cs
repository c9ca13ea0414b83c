namespace MacroLab.Hosting.Configuration;

/// <summary>
/// The retraining policy the <c>monitor</c> stage applies after each ingest: the model's inputs on the new Gold rows
/// against its training window, and the champion's live record.
/// </summary>
public sealed record MonitoringConfig
{
    /// <summary>The share of the model's inputs that must drift for the data to count as drifted.</summary>
    /// <value>Default: 0.5 (Evidently's).</value>
    public double DriftShare { get; set; } = 0.5;

    /// <summary>Ask for retraining after this many consecutive drifted checks (each new Gold version is one check); 0 never asks for drift.</summary>
    /// <value>Default: 2.</value>
    public int ConsecutiveRuns { get; set; } = 2;

    /// <summary>Ask for retraining when the champion's live record underperforms its backtest.</summary>
    /// <value>Default: true.</value>
    public bool RetrainOnUnderperformance { get; set; } = true;
}
