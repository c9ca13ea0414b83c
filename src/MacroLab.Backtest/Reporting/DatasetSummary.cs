namespace MacroLab.Backtest.Reporting;

/// <summary>The data a backtest ran on.</summary>
/// <param name="Fingerprint">SHA-256 of the dates, names and values.</param>
/// <param name="FirstDecision">The first decision date.</param>
/// <param name="LastDecision">The last decision date.</param>
/// <param name="Assets">The assets, in weight order.</param>
/// <param name="RiskFreeAsset">The risk-free asset, or null.</param>
/// <param name="Features">The number of features.</param>
public sealed record DatasetSummary(string Fingerprint, DateOnly FirstDecision, DateOnly LastDecision, IReadOnlyList<string> Assets, string? RiskFreeAsset, int Features);
