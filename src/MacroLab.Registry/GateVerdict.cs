namespace MacroLab.Registry;

/// <summary>The promotion gates' verdict on a version: a version that failed them never gets the champion alias from the pipeline.</summary>
/// <param name="Passed">Whether every gate passed.</param>
/// <param name="Summary">The verdict in one line.</param>
/// <param name="Gates">Each gate's verdict.</param>
public sealed record GateVerdict(bool Passed, string Summary, IReadOnlyList<GateCheck> Gates);
