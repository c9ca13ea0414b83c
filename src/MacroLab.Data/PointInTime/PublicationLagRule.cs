using System.Globalization;

namespace MacroLab.Data.PointInTime;

/// <summary>
/// Estimates when a value was first published from its reference period alone, for sources that carry no release
/// dates. Rules are meant to be conservative: the estimate should never be earlier than the true release.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> gives a canonical description (e.g. <c>monthly+31d</c>) that manifests record and
/// <see cref="Parse"/> reads back for the day-count form.
/// </remarks>
public abstract record PublicationLagRule
{
    private protected PublicationLagRule()
    {
    }

    /// <summary>The estimated release date of the value for <paramref name="period"/>.</summary>
    public abstract ReleaseDate EstimateRelease(ReferencePeriod period);

    /// <summary>Released <paramref name="days"/> days after the last day of the period.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public static PublicationLagRule DaysAfterPeriodEnd(Frequency frequency, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return new DaysAfterPeriodEndRule(frequency, days);
    }

    /// <summary>
    /// Released on the first <paramref name="weekday"/> that falls at least <paramref name="minimumDays"/> days after the last
    /// day of the period; e.g. the Employment Situation on the first Friday at least 3 days into the following month.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumDays"/> is negative.</exception>
    public static PublicationLagRule WeekdayAfterPeriodEnd(Frequency frequency, DayOfWeek weekday, int minimumDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumDays);
        return new WeekdayAfterPeriodEndRule(frequency, weekday, minimumDays);
    }

    /// <summary>Released on the date a calendar gives for the period; <paramref name="fallback"/> for periods it does not cover.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PublicationLagRule FromCalendar(ReleaseCalendar calendar, PublicationLagRule fallback)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(fallback);
        return new CalendarRule(calendar, fallback);
    }

    /// <summary>
    /// Reads <c>&lt;frequency&gt;+&lt;days&gt;d</c>, e.g. <c>monthly+31d</c> or <c>daily+1d</c>: released that many days after the
    /// end of the period. Frequencies: daily, monthly, quarterly, annual.
    /// </summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static PublicationLagRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0 && text.EndsWith('d')
            && TryParseFrequency(text[..plus], out Frequency frequency)
            && int.TryParse(text.AsSpan(plus + 1, text.Length - plus - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int days))
        {
            return DaysAfterPeriodEnd(frequency, days);
        }

        throw new FormatException($"'{text}' is not a publication lag: expected <frequency>+<days>d, e.g. monthly+31d (frequency: daily, monthly, quarterly or annual).");
    }

    internal static bool TryParseFrequency(string text, out Frequency frequency)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "DAILY":
                frequency = Frequency.Daily;
                return true;
            case "MONTHLY":
                frequency = Frequency.Monthly;
                return true;
            case "QUARTERLY":
                frequency = Frequency.Quarterly;
                return true;
            case "ANNUAL":
                frequency = Frequency.Annual;
                return true;
            default:
                frequency = default;
                return false;
        }
    }

    private protected static string Name(Frequency frequency) => frequency.ToString().ToLowerInvariant();

    private sealed record DaysAfterPeriodEndRule(Frequency Frequency, int Days) : PublicationLagRule
    {
        public override ReleaseDate EstimateRelease(ReferencePeriod period) => new(period.EndOf(Frequency).AddDays(Days));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name(Frequency)}+{Days}d");
    }

    private sealed record WeekdayAfterPeriodEndRule(Frequency Frequency, DayOfWeek Weekday, int MinimumDays) : PublicationLagRule
    {
        public override ReleaseDate EstimateRelease(ReferencePeriod period)
        {
            DateOnly earliest = period.EndOf(Frequency).AddDays(MinimumDays);
            int ahead = ((int)Weekday - (int)earliest.DayOfWeek + 7) % 7;
            return new(earliest.AddDays(ahead));
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Name(Frequency)}+first-{Weekday.ToString().ToLowerInvariant()}>={MinimumDays}d");
    }

    private sealed record CalendarRule(ReleaseCalendar Calendar, PublicationLagRule Fallback) : PublicationLagRule
    {
        public override ReleaseDate EstimateRelease(ReferencePeriod period) =>
            Calendar.TryGetRelease(period, out ReleaseDate release) ? release : Fallback.EstimateRelease(period);

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"calendar:{Calendar.Name}[{Calendar.Count}]|{Fallback}");
    }
}
