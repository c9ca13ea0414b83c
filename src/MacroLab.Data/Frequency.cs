namespace MacroLab.Data;

/// <summary>How often a series is observed; fixes the length of its reference periods.</summary>
public enum Frequency
{
    /// <summary>One value per calendar day (business days for market data); the period is the day itself.</summary>
    Daily,

    /// <summary>One value per calendar month; the period starts on the first day of the month.</summary>
    Monthly,

    /// <summary>One value per calendar quarter; the period starts on the first day of January, April, July or October.</summary>
    Quarterly,

    /// <summary>One value per calendar year; the period starts on the first of January.</summary>
    Annual,
}
