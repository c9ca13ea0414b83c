namespace MacroLab.Data.Features;

/// <summary>A named list of assets whose monthly returns and forward-return labels the pipeline builds.</summary>
/// <param name="Name">The universe's name; Gold datasets are <c>gold/assets/&lt;name&gt;</c> and <c>gold/labels/&lt;name&gt;</c>.</param>
/// <param name="Assets">The assets, in column order.</param>
public sealed record AssetUniverse(string Name, IReadOnlyList<AssetDefinition> Assets)
{
    /// <summary>The name of <see cref="Default"/>.</summary>
    public const string DefaultName = "us_macro5";

    /// <summary>The risk-free asset of <see cref="Default"/>: the one-month T-bill.</summary>
    public const string DefaultRiskFreeAsset = "CASH";

    /// <summary>
    /// The default universe on the bundled data: <c>US_EQUITY</c> (CRSP value-weighted market, <c>FF.Mkt-RF</c> + <c>FF.RF</c>),
    /// <c>SMB</c> and <c>HML</c> (Fama-French size and value long-short factors, zero-cost), <c>UST10Y</c> (10-year constant-maturity
    /// Treasury from H.15 yields) and <c>CASH</c> (the one-month T-bill, <c>FF.RF</c>).
    /// </summary>
    public static AssetUniverse Default { get; } = new(DefaultName,
    [
        AssetDefinition.SumOfReturns("US_EQUITY", "FF.Mkt-RF", "FF.RF"),
        AssetDefinition.SumOfReturns("SMB", "FF.SMB"),
        AssetDefinition.SumOfReturns("HML", "FF.HML"),
        AssetDefinition.ConstantMaturityBond("UST10Y", "UST10Y", 10),
        AssetDefinition.SumOfReturns(DefaultRiskFreeAsset, "FF.RF"),
    ]);
}
