namespace MacroLab.Data.Validation;

/// <summary>
/// One promotion gate's verdict: the single shape of every gate MacroLab applies, whether it holds a metric to a threshold
/// (<c>min_sharpe</c>, <c>max_drawdown</c>), checks the exported model (<c>onnx_parity</c>) or compares records
/// (<c>beats_benchmark</c>, whose value is a p-value and whose threshold is the significance level). Backtests write it
/// in <c>results.json</c>, the pipeline in <c>gates.json</c>, and the registry stores it with the version as data.
/// </summary>
/// <param name="Name">The gate, e.g. <c>min_sharpe</c>.</param>
/// <param name="Value">The measured value; null when it could not be measured (which fails the gate).</param>
/// <param name="Threshold">The threshold it was held to; null for a gate without one.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Reason">A sentence a reviewer can read.</param>
public sealed record GateResult(string Name, double? Value, double? Threshold, bool Passed, string Reason);
