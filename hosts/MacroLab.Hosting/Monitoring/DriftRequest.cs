using MacroLab.Data.Drift;
using MacroLab.Hosting.Configuration;

namespace MacroLab.Hosting.Monitoring;

/// <summary>What to compare: the drift reference a pipeline stored, and the current data to hold against it.</summary>
public sealed record DriftRequest
{
    /// <summary>The pipeline's configuration (its name locates the reference; its Gold section locates new rows).</summary>
    public required PipelineConfig Config { get; init; }

    /// <summary>The current data.</summary>
    public DriftSource Source { get; init; } = DriftSource.PredictionLog;

    /// <summary>Logged rows (or Gold decision dates) from this time on; null for everything after the reference.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Logged rows (or Gold decision dates) before this time; null for no bound.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only prediction-log rows of this model version; null for all.</summary>
    public int? Version { get; init; }

    /// <summary>Test selection and thresholds.</summary>
    public DriftOptions Options { get; init; } = new();
}
