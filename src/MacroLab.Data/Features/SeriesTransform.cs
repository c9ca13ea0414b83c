namespace MacroLab.Data.Features;

/// <summary>
/// How a series' values become a feature value at period <c>t</c> (x is the series as known at the decision date;
/// L is the number of periods in a year). Codes 1-7 are FRED-MD's transform codes (McCracken and Ng 2016).
/// </summary>
public enum SeriesTransform
{
    /// <summary>Code 1: x_t.</summary>
    Level = 1,

    /// <summary>Code 2: x_t - x_{t-1}.</summary>
    Difference = 2,

    /// <summary>Code 3: x_t - 2 x_{t-1} + x_{t-2}.</summary>
    SecondDifference = 3,

    /// <summary>Code 4: ln x_t.</summary>
    Log = 4,

    /// <summary>Code 5: ln x_t - ln x_{t-1}.</summary>
    LogDifference = 5,

    /// <summary>Code 6: ln x_t - 2 ln x_{t-1} + ln x_{t-2}.</summary>
    SecondLogDifference = 6,

    /// <summary>Code 7: (x_t / x_{t-1} - 1) - (x_{t-1} / x_{t-2} - 1).</summary>
    PercentChangeDifference = 7,

    /// <summary>Year-over-year growth: x_t / x_{t-L} - 1.</summary>
    YearOverYear = 101,

    /// <summary>Year-over-year log change: ln x_t - ln x_{t-L}.</summary>
    YearOverYearLog = 102,

    /// <summary>Year-over-year change: x_t - x_{t-L} (for rates such as unemployment).</summary>
    YearOverYearDifference = 103,
}
