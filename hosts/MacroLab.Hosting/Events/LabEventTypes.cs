namespace MacroLab.Hosting.Events;

/// <summary>The kinds of <see cref="LabEvent"/>: each is a folder of the event log, so cloud rules can select by key prefix.</summary>
public static class LabEventTypes
{
    /// <summary>A version got the alias (the served model changes).</summary>
    public const string Promotion = "promotion";

    /// <summary>The alias was moved back to the version it held before.</summary>
    public const string Rollback = "rollback";

    /// <summary>A version failed its gates: registered, never promoted.</summary>
    public const string Rejection = "rejection";

    /// <summary>The champion's inputs drifted from its training window.</summary>
    public const string Drift = "drift";

    /// <summary>The champion's live record underperforms its backtest.</summary>
    public const string Underperformance = "underperformance";

    /// <summary>The retraining policy asks for a new run.</summary>
    public const string Retrain = "retrain";

    /// <summary>Every type.</summary>
    public static IReadOnlyList<string> All { get; } = [Promotion, Rollback, Rejection, Drift, Underperformance, Retrain];
}
