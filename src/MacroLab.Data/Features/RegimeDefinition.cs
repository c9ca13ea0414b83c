namespace MacroLab.Data.Features;

/// <summary>
/// Growth/inflation quadrants from the signs of two point-in-time features, typically z-scores: growth up or down
/// (feature &gt;= 0 or &lt; 0) crossed with inflation up or down. Produces the columns <c>&lt;prefix&gt;.growth</c> and
/// <c>&lt;prefix&gt;.inflation</c> (+1 or -1) and the one-hot quadrants <c>&lt;prefix&gt;.goldilocks</c> (growth up, inflation down),
/// <c>.reflation</c> (both up), <c>.stagflation</c> (growth down, inflation up) and <c>.deflation</c> (both down); all missing
/// when either input is.
/// </summary>
/// <param name="GrowthFeature">The name of the growth feature in the same feature set.</param>
/// <param name="InflationFeature">The name of the inflation feature in the same feature set.</param>
/// <param name="Prefix">The prefix of the regime columns.</param>
public sealed record RegimeDefinition(string GrowthFeature, string InflationFeature, string Prefix = "regime")
{
    internal IReadOnlyList<string> ColumnNames =>
    [
        $"{Prefix}.growth", $"{Prefix}.inflation", $"{Prefix}.goldilocks", $"{Prefix}.reflation", $"{Prefix}.stagflation", $"{Prefix}.deflation",
    ];
}
