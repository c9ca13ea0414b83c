namespace MacroLab.Scoring.Decisions;

/// <summary>One model input at a decision: its value, whether it was imputed, and where a feature's value came from.</summary>
/// <param name="Feature">The input's name.</param>
/// <param name="Value">The value at the decision date; null when it was not known (then imputed or refused).</param>
/// <param name="Imputed">Whether the model's missing-input policy replaced it (with its training mean).</param>
/// <param name="Period">The reference period the value describes; null for inputs without provenance (causal signals).</param>
/// <param name="AvailableAt">The release date of that value as used.</param>
/// <param name="Vintage">The vintage it came from, when the source has vintages.</param>
/// <param name="Timing">How its release date is known: published, estimated or backfilled.</param>
/// <param name="PseudoRealTime">Whether the value (or one its window used) is pseudo-real-time.</param>
public sealed record DecisionInput(
    string Feature, double? Value, bool Imputed, DateOnly? Period = null, DateOnly? AvailableAt = null, string? Vintage = null, string? Timing = null, bool? PseudoRealTime = null);
