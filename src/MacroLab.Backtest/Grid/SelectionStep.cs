namespace MacroLab.Backtest.Grid;

/// <summary>One choice of nested selection: at a refit, the trial that trades the next test window and the evidence for it.</summary>
/// <param name="Refit">The refit's decision date: the first decision of the test window the choice trades.</param>
/// <param name="EvidenceStart">The first decision of the span the trials were scored on.</param>
/// <param name="EvidenceEnd">The last decision of that span; its return was realised no later than <paramref name="Refit"/>.</param>
/// <param name="EvidencePeriods">The number of periods scored.</param>
/// <param name="Trial">The chosen trial's index in the grid.</param>
/// <param name="TrialId">The chosen trial's id.</param>
/// <param name="Sharpe">The chosen trial's annualised Sharpe ratio (in excess of the risk-free asset) over the evidence span; null when no trial's is defined there (no variance), and the first trial is kept.</param>
/// <param name="Eligible">How many trials met the selection constraints over the span (when none did, the best of all is chosen).</param>
public sealed record SelectionStep(
    DateOnly Refit, DateOnly EvidenceStart, DateOnly EvidenceEnd, int EvidencePeriods, int Trial, string TrialId, double? Sharpe, int Eligible);
