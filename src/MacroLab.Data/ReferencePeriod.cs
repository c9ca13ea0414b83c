using System.Globalization;

namespace MacroLab.Data;

/// <summary>
/// What a value describes: the reference period of an observation (CPI for January 2020), identified by the
/// first day of the period. It says nothing about when the value became known; that is a <see cref="ReleaseDate"/>.
/// </summary>
/// <param name="Start">The first day of the period (the day itself for daily data).</param>
public readonly record struct ReferencePeriod(DateOnly Start) : IComparable<ReferencePeriod>
{
    /// <summary>The month <paramref name="year"/>-<paramref name="month"/>, starting on its first day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year or month is out of range.</exception>
    public static ReferencePeriod Month(int year, int month) => new(new DateOnly(year, month, 1));

    /// <summary>The period of frequency <paramref name="frequency"/> that contains <paramref name="date"/>.</summary>
    public static ReferencePeriod Containing(DateOnly date, Frequency frequency) => frequency switch
    {
        Frequency.Daily => new(date),
        Frequency.Monthly => new(new DateOnly(date.Year, date.Month, 1)),
        Frequency.Quarterly => new(new DateOnly(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1)),
        Frequency.Annual => new(new DateOnly(date.Year, 1, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency."),
    };

    /// <summary>The last day of the period when it has frequency <paramref name="frequency"/>.</summary>
    public DateOnly EndOf(Frequency frequency) => frequency switch
    {
        Frequency.Daily => Start,
        Frequency.Monthly => Start.AddMonths(1).AddDays(-1),
        Frequency.Quarterly => Start.AddMonths(3).AddDays(-1),
        Frequency.Annual => Start.AddYears(1).AddDays(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency."),
    };

    /// <summary>Whether <see cref="Start"/> is the first day of a period of frequency <paramref name="frequency"/>.</summary>
    public bool IsAlignedTo(Frequency frequency) => Containing(Start, frequency).Start == Start;

    /// <summary>Compares periods by their first day.</summary>
    public int CompareTo(ReferencePeriod other) => Start.CompareTo(other.Start);

    /// <summary>Whether <paramref name="left"/> starts before <paramref name="right"/>.</summary>
    public static bool operator <(ReferencePeriod left, ReferencePeriod right) => left.Start < right.Start;

    /// <summary>Whether <paramref name="left"/> starts after <paramref name="right"/>.</summary>
    public static bool operator >(ReferencePeriod left, ReferencePeriod right) => left.Start > right.Start;

    /// <summary>Whether <paramref name="left"/> starts on or before <paramref name="right"/>.</summary>
    public static bool operator <=(ReferencePeriod left, ReferencePeriod right) => left.Start <= right.Start;

    /// <summary>Whether <paramref name="left"/> starts on or after <paramref name="right"/>.</summary>
    public static bool operator >=(ReferencePeriod left, ReferencePeriod right) => left.Start >= right.Start;

    /// <summary>The first day in ISO form, <c>yyyy-MM-dd</c>.</summary>
    public override string ToString() => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
