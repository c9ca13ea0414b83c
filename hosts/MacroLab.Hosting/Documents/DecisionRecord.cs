namespace MacroLab.Hosting.Documents;

/// <summary>
/// The model's decision at one month end of its history (<c>gold/runs/&lt;name&gt;/decisions</c>): its tilts, the inputs it
/// imputed by its missing-input policy, or why it refused to decide.
/// </summary>
/// <param name="Date">The decision date.</param>
/// <param name="Tilts">The tilt of each asset, in the card's order; null when the decision was refused.</param>
/// <param name="Imputed">The inputs that were unknown and entered at their training mean.</param>
/// <param name="Refusal">Why there is no decision (too many inputs unknown), or null.</param>
public sealed record DecisionRecord(DateOnly Date, IReadOnlyList<float>? Tilts, IReadOnlyList<string> Imputed, string? Refusal);
