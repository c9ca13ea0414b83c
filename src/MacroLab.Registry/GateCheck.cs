namespace MacroLab.Registry;

/// <summary>One promotion gate's verdict, as recorded with a version.</summary>
/// <param name="Name">The gate, e.g. <c>deflated-sharpe</c>.</param>
/// <param name="Value">The measured value, or null when it could not be computed.</param>
/// <param name="Threshold">The threshold it was held to.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record GateCheck(string Name, double? Value, double? Threshold, bool Passed, string Reason);
