namespace MacroLab.Backtest.Grid;

/// <summary>A trial finished.</summary>
/// <param name="Completed">How many trials are finished.</param>
/// <param name="Total">How many there are.</param>
/// <param name="Trial">The trial that just finished.</param>
/// <param name="Reused">True when its result came from an earlier, interrupted run.</param>
public sealed record TrialProgress(int Completed, int Total, TrialSpec Trial, bool Reused);
