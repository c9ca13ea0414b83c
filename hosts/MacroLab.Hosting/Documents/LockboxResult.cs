namespace MacroLab.Hosting.Documents;

/// <summary>What the lockbox said, or why it stayed sealed.</summary>
/// <param name="Opened">Whether it was opened (only for a candidate that passed every other gate).</param>
/// <param name="Reason">Why it was opened or stayed sealed.</param>
/// <param name="FirstDecision">The first held-out decision; null when nothing is held out.</param>
/// <param name="LastDecision">The last held-out decision.</param>
/// <param name="Periods">The held-out months.</param>
/// <param name="Sharpe">The candidate's annualised Sharpe ratio (excess of the risk-free asset, net of costs) on the lockbox; null while sealed.</param>
/// <param name="AnnualReturn">Its geometric annual return on the lockbox.</param>
/// <param name="Benchmarks">Each benchmark's Sharpe ratio on the same months.</param>
/// <param name="Openings">How many candidates have opened the lockbox on this data lineage, this one included (0 while sealed and never opened).</param>
public sealed record LockboxResult(
    bool Opened, string Reason, DateOnly? FirstDecision, DateOnly? LastDecision, int Periods, double? Sharpe, double? AnnualReturn,
    IReadOnlyDictionary<string, double?> Benchmarks, int Openings);
