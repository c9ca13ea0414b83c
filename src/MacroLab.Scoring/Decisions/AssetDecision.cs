namespace MacroLab.Scoring.Decisions;

/// <summary>One asset's part of a <see cref="PortfolioDecision"/>.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Tilt">The model's tilt; null for the risk-free asset (it funds the others) and when the model refused.</param>
/// <param name="Target">The target weight before the constraints: 1/N + tiltScale x tilt for the N risky assets, the rest in the risk-free asset.</param>
/// <param name="Drifted">The weight held before the trade: the previous decision's weight, drifted with the period's returns (0 at the first decision).</param>
/// <param name="Weight">The weight held after the decision: the target scaled to the leverage cap, or the drifted weight when the trade was skipped.</param>
public sealed record AssetDecision(string Asset, double? Tilt, double Target, double Drifted, double Weight);
