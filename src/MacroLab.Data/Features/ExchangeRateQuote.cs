namespace MacroLab.Data.Features;

/// <summary>How an exchange-rate series is quoted, seen from the home currency (the one returns are measured in).</summary>
public enum ExchangeRateQuote
{
    /// <summary>Foreign units per home unit, e.g. yen per dollar (FRED's <c>EXJPUS</c>) for a dollar investor.</summary>
    ForeignPerHome,

    /// <summary>Home units per foreign unit, e.g. dollars per pound (FRED's <c>EXUSUK</c>) for a dollar investor.</summary>
    HomePerForeign,
}
