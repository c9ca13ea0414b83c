using MacroLab.Data.Features;

namespace MacroLab.Hosting.Configuration;

/// <summary>One asset of a configured universe: its name and how its monthly total return comes from ingested series.</summary>
public sealed record AssetConfig
{
    /// <summary>The kinds an asset may be.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["returns", "price", "bond", "fx"];

    /// <summary>The quotes of an <c>fx</c> asset's exchange rate.</summary>
    public static IReadOnlyList<string> Quotes { get; } = ["foreign-per-home", "home-per-foreign"];

    /// <summary>The asset's name: its column in <c>gold/assets</c> and <c>gold/labels</c> (<c>&lt;name&gt;.fwd1m</c>), and how <c>models.assets</c> names it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// <c>returns</c> (the sum of monthly decimal return series, e.g. <c>[FF.Mkt-RF, FF.RF]</c>), <c>price</c> (a price or
    /// index level: P_t / P_{t-1} - 1), <c>bond</c> (a constant-maturity par bond from a yield in percent, with
    /// <see cref="Maturity"/>) or <c>fx</c> (one unit of a foreign currency in the home currency, with <see cref="Quote"/> and
    /// optionally <see cref="DepositRate"/>).
    /// </summary>
    /// <value>Default: <c>returns</c>.</value>
    public string Kind { get; set; } = "returns";

    /// <summary>The series: one or more return series for <c>returns</c>, exactly one (the price, the yield, the exchange rate) otherwise.</summary>
    public IReadOnlyList<string> Series { get; set; } = [];

    /// <summary>A <c>bond</c>'s maturity in years.</summary>
    public double? Maturity { get; set; }

    /// <summary>How an <c>fx</c> asset's rate is quoted: <c>foreign-per-home</c> (yen per dollar) or <c>home-per-foreign</c> (dollars per pound).</summary>
    public string? Quote { get; set; }

    /// <summary>An <c>fx</c> asset's foreign deposit rate in percent per year (its carry); null for the spot return only.</summary>
    public string? DepositRate { get; set; }

    /// <summary>The asset as the feature stage builds it.</summary>
    internal AssetDefinition ToDefinition() => Kind switch
    {
        "price" => AssetDefinition.PriceReturn(Name, Series[0]),
        "bond" => AssetDefinition.ConstantMaturityBond(Name, Series[0], Maturity ?? 0),
        "fx" => AssetDefinition.Currency(Name, Series[0], Quote == "home-per-foreign" ? ExchangeRateQuote.HomePerForeign : ExchangeRateQuote.ForeignPerHome, DepositRate),
        _ => AssetDefinition.SumOfReturns(Name, [.. Series]),
    };
}
