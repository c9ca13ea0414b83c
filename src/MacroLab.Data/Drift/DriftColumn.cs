namespace MacroLab.Data.Drift;

/// <summary>One column's values in a reference or current sample.</summary>
/// <param name="Name">The column (a feature, a prediction or the target).</param>
/// <param name="Values">Its values; NaN and infinities are dropped before testing.</param>
/// <param name="IsCategorical">True when the values are category codes (no order, one bin per value).</param>
public sealed record DriftColumn(string Name, IReadOnlyList<double> Values, bool IsCategorical = false);
