namespace MacroLab.Backtest.Reporting;

/// <summary>A span of final decisions held out of a backtest (the lockbox).</summary>
/// <param name="FirstDecision">The first held-out decision date.</param>
/// <param name="LastDecision">The last.</param>
/// <param name="Periods">How many decisions are held out.</param>
public sealed record HeldOutSpan(DateOnly FirstDecision, DateOnly LastDecision, int Periods);
