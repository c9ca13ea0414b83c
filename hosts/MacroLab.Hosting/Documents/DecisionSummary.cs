namespace MacroLab.Hosting.Documents;

/// <summary>The model's decisions over its history, in short: the span, how many were made with every input known, with imputed inputs, or refused.</summary>
/// <param name="First">The first decision date (the first out-of-sample decision of the backtest).</param>
/// <param name="Last">The newest decision date the Gold features reach.</param>
/// <param name="Dates">Month ends in the span: every one has a decision or a refusal.</param>
/// <param name="Complete">Decisions with every input known.</param>
/// <param name="Imputed">Decisions with some inputs imputed at their training mean.</param>
/// <param name="Refused">Month ends refused by the model's policy.</param>
/// <param name="Latest">The newest decision (or refusal).</param>
/// <param name="Assets">The assets of the tilts, in order.</param>
public sealed record DecisionSummary(DateOnly First, DateOnly Last, int Dates, int Complete, int Imputed, int Refused, DecisionRecord Latest, IReadOnlyList<string> Assets);
