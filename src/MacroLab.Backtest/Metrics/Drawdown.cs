namespace MacroLab.Backtest.Metrics;

/// <summary>The deepest fall of the compounded equity curve from a previous high.</summary>
/// <param name="Depth">1 - trough / peak, as a positive decimal (0.25 = a 25% loss from the high); 0 when the curve never falls.</param>
/// <param name="Peak">The end of the period at which the high was set; null when the high is the starting capital.</param>
/// <param name="Trough">The end of the period at the low; null when there is no drawdown.</param>
/// <param name="Recovery">The end of the first period back at or above the high; null when not recovered by the end of the series.</param>
public sealed record Drawdown(double Depth, DateOnly? Peak, DateOnly? Trough, DateOnly? Recovery);
