using System.Globalization;

namespace MacroLab.Connectors.Fred;

/// <summary>
/// Which vintages of a series to fetch: the real-time period of the request. Every observation comes back with the
/// real-time period in which its value held, clipped to this one, and is known from the start of that period.
/// </summary>
public sealed record FredVintages
{
    private static readonly DateOnly EarliestRealTime = new(1776, 7, 4);
    private static readonly DateOnly LatestRealTime = new(9999, 12, 31);

    private FredVintages(DateOnly from, DateOnly until) => (From, Until) = (from, until);

    /// <summary>Every vintage FRED keeps (ALFRED's whole archive): the real-time period 1776-07-04 .. 9999-12-31.</summary>
    public static FredVintages All { get; } = new(EarliestRealTime, LatestRealTime);

    /// <summary>The first day of the real-time period.</summary>
    public DateOnly From { get; }

    /// <summary>The last day of the real-time period.</summary>
    public DateOnly Until { get; }

    /// <summary>
    /// The vintages of a real-time period. A value published before <paramref name="from"/> and still current then comes
    /// back dated <paramref name="from"/> (later than its true release, never earlier).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="until"/> is before <paramref name="from"/>.</exception>
    public static FredVintages Between(DateOnly from, DateOnly until) =>
        until < from ? throw new ArgumentException($"The real-time period ends ({until:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(until)) : new(from, until);

    /// <summary>
    /// Parses <c>all</c>, a day <c>yyyy-MM-dd</c> (the vintage current that day: everything dated that day) or a period
    /// <c>yyyy-MM-dd..yyyy-MM-dd</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is none of these; the message says what is expected.</exception>
    public static FredVintages Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return All;
        }

        string[] ends = text.Split("..");
        if (ends.Length is 1 or 2 && ends.All(e => DateOnly.TryParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            DateOnly from = DateOnly.ParseExact(ends[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            DateOnly until = DateOnly.ParseExact(ends[^1], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (until >= from)
            {
                return new FredVintages(from, until);
            }
        }

        throw new FormatException($"'{text}' is not a set of vintages: expected all, yyyy-MM-dd or yyyy-MM-dd..yyyy-MM-dd (the second not before the first).");
    }

    /// <summary><c>all</c>, <c>yyyy-MM-dd</c> or <c>yyyy-MM-dd..yyyy-MM-dd</c>, as <see cref="Parse"/> reads it.</summary>
    public override string ToString() =>
        this == All ? "all" : From == Until ? Text(From) : $"{Text(From)}..{Text(Until)}";

    internal string RealTimeStart => Text(From);

    internal string RealTimeEnd => Text(Until);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
