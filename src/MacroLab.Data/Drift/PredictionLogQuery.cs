namespace MacroLab.Data.Drift;

/// <summary>Which logged predictions to read.</summary>
public sealed record PredictionLogQuery
{
    /// <summary>Only this version; null for all.</summary>
    public int? Version { get; init; }

    /// <summary>Only rows logged at or after this time; null for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only rows logged before this time; null for no upper bound.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The most rows to read; the newest are kept.</summary>
    /// <value>200 000 (about 1 GB of drift samples for 130 inputs).</value>
    public int MaxRows { get; init; } = 200_000;

    /// <summary>Only rows of this role; <see cref="PredictionLog.ServedRole"/> by default (what clients received). Null for all.</summary>
    public string? Role { get; init; } = PredictionLog.ServedRole;
}
