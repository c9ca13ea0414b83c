using System.Globalization;

namespace MacroLab.Data;

/// <summary>
/// When a value became available to the public (<c>available_at</c>): the calendar day, in the publisher's time zone,
/// on which it was released. A value released on day <c>d</c> is usable for a decision taken at the close of day
/// <c>d</c> or later (see <see cref="IsKnownBy"/>).
/// </summary>
/// <remarks>
/// MacroLab works at day resolution: scheduled macro releases (CPI at 08:30 ET, payrolls at 08:30 ET, FOMC statements
/// at 14:00 ET) all come before the close of their day. Intraday decisions need release times and are not modelled.
/// </remarks>
/// <param name="Date">The day of release.</param>
public readonly record struct ReleaseDate(DateOnly Date) : IComparable<ReleaseDate>
{
    /// <summary>Whether a value released on this date is known to a decision taken on <paramref name="decision"/>: release &lt;= decision.</summary>
    public bool IsKnownBy(DecisionDate decision) => Date <= decision.Date;

    /// <summary>Compares release dates chronologically.</summary>
    public int CompareTo(ReleaseDate other) => Date.CompareTo(other.Date);

    /// <summary>Whether <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
    public static bool operator <(ReleaseDate left, ReleaseDate right) => left.Date < right.Date;

    /// <summary>Whether <paramref name="left"/> is later than <paramref name="right"/>.</summary>
    public static bool operator >(ReleaseDate left, ReleaseDate right) => left.Date > right.Date;

    /// <summary>Whether <paramref name="left"/> is on or before <paramref name="right"/>.</summary>
    public static bool operator <=(ReleaseDate left, ReleaseDate right) => left.Date <= right.Date;

    /// <summary>Whether <paramref name="left"/> is on or after <paramref name="right"/>.</summary>
    public static bool operator >=(ReleaseDate left, ReleaseDate right) => left.Date >= right.Date;

    /// <summary>The day in ISO form, <c>yyyy-MM-dd</c>.</summary>
    public override string ToString() => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
