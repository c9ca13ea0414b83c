namespace MacroLab.Hosting.Pipeline;

/// <summary>What one stage did: its status, the datasets it wrote or found current, and what it has to say.</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Status">What it did.</param>
/// <param name="Datasets">The lake datasets it wrote or found up to date.</param>
/// <param name="Notes">Lines for people: what was computed, measured or decided.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record StepOutcome(string Stage, StepStatus Status, IReadOnlyList<string> Datasets, IReadOnlyList<string> Notes, TimeSpan Elapsed)
{
    /// <summary>The package stage's own result, for hosts that render it (e.g. the ingest table), or null.</summary>
    public object? Detail { get; init; }
}
