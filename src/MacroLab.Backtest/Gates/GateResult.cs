namespace MacroLab.Backtest.Gates;

/// <summary>One gate's verdict.</summary>
/// <param name="Name">The gate, e.g. <c>min_sharpe</c>.</param>
/// <param name="Value">The measured value; null when it could not be measured (which fails the gate).</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Passed">Whether the value meets the threshold.</param>
/// <param name="Reason">A sentence a reviewer can read.</param>
public sealed record GateResult(string Name, double? Value, double Threshold, bool Passed, string Reason);
