using MacroLab.Data.Validation;

namespace MacroLab.Hosting.Documents;

/// <summary>
/// The gates stage's verdict (<c>gates.json</c>): every gate and check with value, threshold and reason. A deployment's
/// state machine branches on <c>verdict.passed</c>.
/// </summary>
/// <param name="Verdict">The verdict, as the registry records it.</param>
/// <param name="Strategy">The selected strategy.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="OnnxMaxDifference">The largest difference between ONNX Runtime's and TorchSharp's tilts on the card's input example.</param>
/// <param name="PseudoRealTimeShare">The share of the model's known input cells over its out-of-sample years that rest on first-vintage backfill.</param>
/// <param name="Comparisons">The selected record against each benchmark, the champion and each ablation, over the months each pair shares.</param>
public sealed record GatesDocument(
    GateVerdict Verdict, string Strategy, IReadOnlyDictionary<string, string> Parameters, double OnnxMaxDifference, double PseudoRealTimeShare,
    IReadOnlyList<RecordComparison> Comparisons)
{
    /// <summary>The data lineage of the candidate's record in the trial ledger.</summary>
    public string Lineage { get; init; } = string.Empty;

    /// <summary>How many trials the ledger holds on that lineage (the DSR deflates by all of them).</summary>
    public int LedgerTrials { get; init; }

    /// <summary>The lockbox: opened for a candidate that passed every other gate, sealed otherwise.</summary>
    public LockboxResult? Lockbox { get; init; }
}
