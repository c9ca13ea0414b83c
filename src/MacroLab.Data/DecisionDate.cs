using System.Globalization;

namespace MacroLab.Data;

/// <summary>
/// When a research decision is taken: the calendar day at whose close features are read and tilts are set.
/// Everything released on or before this day is known (<see cref="ReleaseDate.IsKnownBy"/>); returns earned after
/// it are the future.
/// </summary>
/// <param name="Date">The day of the decision.</param>
public readonly record struct DecisionDate(DateOnly Date) : IComparable<DecisionDate>
{
    /// <summary>Compares decision dates chronologically.</summary>
    public int CompareTo(DecisionDate other) => Date.CompareTo(other.Date);

    /// <summary>Whether <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
    public static bool operator <(DecisionDate left, DecisionDate right) => left.Date < right.Date;

    /// <summary>Whether <paramref name="left"/> is later than <paramref name="right"/>.</summary>
    public static bool operator >(DecisionDate left, DecisionDate right) => left.Date > right.Date;

    /// <summary>Whether <paramref name="left"/> is on or before <paramref name="right"/>.</summary>
    public static bool operator <=(DecisionDate left, DecisionDate right) => left.Date <= right.Date;

    /// <summary>Whether <paramref name="left"/> is on or after <paramref name="right"/>.</summary>
    public static bool operator >=(DecisionDate left, DecisionDate right) => left.Date >= right.Date;

    /// <summary>The day in ISO form, <c>yyyy-MM-dd</c>.</summary>
    public override string ToString() => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
