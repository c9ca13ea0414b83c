using System.Globalization;

namespace MacroLab.Data.Validation;

/// <summary>The promotion gates' verdict on a candidate: promoted only when every gate passed.</summary>
/// <param name="Passed">Whether every gate passed (and there was at least one).</param>
/// <param name="Summary">The verdict in one line, e.g. <c>reject: 1 of 9 gates failed (beats_benchmark)</c>.</param>
/// <param name="Gates">Each gate's verdict, in the order they were applied.</param>
public sealed record GateVerdict(bool Passed, string Summary, IReadOnlyList<GateResult> Gates)
{
    /// <summary>The verdict of <paramref name="gates"/>: passed when there is at least one and all passed.</summary>
    public static GateVerdict Of(IReadOnlyList<GateResult> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        string[] failed = [.. gates.Where(g => !g.Passed).Select(g => g.Name)];
        bool passed = gates.Count > 0 && failed.Length == 0;
        string summary = passed
            ? string.Create(CultureInfo.InvariantCulture, $"promote: all {gates.Count} gates passed")
            : gates.Count == 0
                ? "reject: no gate was applied"
                : string.Create(CultureInfo.InvariantCulture, $"reject: {failed.Length} of {gates.Count} gates failed ({string.Join(", ", failed)})");
        return new GateVerdict(passed, summary, gates);
    }
}
