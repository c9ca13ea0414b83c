namespace MacroLab.Hosting.Documents;

/// <summary>
/// The drift reference's summary (<c>baseline.json</c>): for each model input, its distribution over the training window,
/// with equal-width histogram bins (Sturges' rule) for PSI. The reference rows themselves are the <c>reference</c> table.
/// </summary>
/// <param name="Model">The registered model's name.</param>
/// <param name="Version">Its version, or null when it was not registered.</param>
/// <param name="First">The first reference date.</param>
/// <param name="Last">The last reference date.</param>
/// <param name="Rows">The reference rows (decision dates on which every input is known).</param>
/// <param name="Features">Each input, in the model's order.</param>
public sealed record DriftBaselineDocument(string Model, int? Version, DateOnly First, DateOnly Last, int Rows, IReadOnlyList<FeatureBaseline> Features);

/// <summary>One input's reference distribution.</summary>
/// <param name="Name">The feature.</param>
/// <param name="Mean">Its mean.</param>
/// <param name="StandardDeviation">Its population standard deviation.</param>
/// <param name="Min">Its minimum.</param>
/// <param name="Max">Its maximum.</param>
/// <param name="Quantiles">The 5 %, 25 %, 50 %, 75 % and 95 % quantiles (linear interpolation).</param>
/// <param name="BinEdges">The histogram's bin edges, ascending (bins + 1 values).</param>
/// <param name="BinCounts">The rows in each bin (the last bin includes its upper edge).</param>
/// <param name="Distinct">The number of distinct values.</param>
public sealed record FeatureBaseline(
    string Name, double Mean, double StandardDeviation, double Min, double Max, IReadOnlyList<double> Quantiles, IReadOnlyList<double> BinEdges, IReadOnlyList<int> BinCounts, int Distinct);
