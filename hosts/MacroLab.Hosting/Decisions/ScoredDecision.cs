using MacroLab.Scoring.Decisions;

namespace MacroLab.Hosting.Decisions;

/// <summary>What the model says at one Gold row, before the portfolio's constraints make it a <see cref="PortfolioDecision"/>.</summary>
/// <param name="Row">The Gold row.</param>
/// <param name="Tilts">Each asset's tilt in the market's asset order; null for the risk-free asset and when the model refused.</param>
/// <param name="Targets">Each asset's target weight in the market's asset order.</param>
/// <param name="Inputs">The model's inputs, in the card's order.</param>
/// <param name="Refusal">Why the model refused, or null.</param>
internal sealed record ScoredDecision(int Row, double?[] Tilts, double[] Targets, IReadOnlyList<DecisionInput> Inputs, string? Refusal);
