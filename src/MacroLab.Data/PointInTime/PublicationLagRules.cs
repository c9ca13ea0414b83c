using System.Collections.Frozen;
using MacroLab.Data.Sources;

namespace MacroLab.Data.PointInTime;

/// <summary>
/// Which <see cref="PublicationLagRule"/> applies to which series: explicit per-series rules first, then the default of
/// the series' <see cref="SeriesFamily"/>. Immutable; the <c>With…</c> methods return new instances.
/// </summary>
/// <remarks>
/// <para>Family defaults (<see cref="ForFamily"/>), counted from the last day of the reference period; chosen so that the estimate is
/// on or after the actual release for the series of each FRED-MD group:</para>
/// <list type="table">
/// <item><term>Output and income</term><description>+31 days (industrial production mid-month; personal income about four weeks after the month).</description></item>
/// <item><term>Labor market</term><description>monthly: the first Friday at least 3 days after the month ends (the Employment Situation comes out on the first Friday, or a week later when that Friday is the 1st or 2nd); other frequencies +31 days.</description></item>
/// <item><term>Housing</term><description>+31 days (starts and permits in the third week).</description></item>
/// <item><term>Consumption, orders and inventories</term><description>+62 days (full manufacturers' report and business inventories about six weeks after).</description></item>
/// <item><term>Money and credit</term><description>+42 days (H.6 money stock after about four weeks, G.19 consumer credit after about five).</description></item>
/// <item><term>Interest and exchange rates</term><description>+1 day (averages of daily market quotes, complete when the period ends).</description></item>
/// <item><term>Prices</term><description>+31 days (CPI and PPI mid-month, PCE prices at the end of the following month); the CPI series use the BLS calendar where one is supplied (<see cref="WithCalendar"/>).</description></item>
/// <item><term>Stock market</term><description>+1 day (prices and returns known at the close of the period).</description></item>
/// <item><term>Unknown</term><description>+62 days.</description></item>
/// </list>
/// <para>Built-in series exceptions: <c>CLAIMSx</c> +7 days (weekly claims, monthly average); <c>HWI</c> and <c>HWIURATIO</c> +31 days
/// (Conference Board help-wanted index, not the Employment Situation); <c>S&amp;P div yield</c> and <c>S&amp;P PE ratio</c> +183 days
/// (Shiller's dividends and earnings are quarterly figures reported with a lag and interpolated to months).</para>
/// <para>These are estimates of first-release dates; they cannot see delays such as government shutdowns. Supply a
/// <see cref="ReleaseCalendar"/> for the series where the real dates matter.</para>
/// </remarks>
public sealed class PublicationLagRules
{
    /// <summary>
    /// The series of the BLS consumer price indices, released together on the CPI date: FRED-MD's mnemonics and the RTDSM's
    /// headline and core CPI (<c>PCPI</c>, <c>PCPIX</c>).
    /// </summary>
    public static IReadOnlyList<string> CpiSeries { get; } =
    [
        "CPIAUCSL", "CPIAPPSL", "CPITRNSL", "CPIMEDSL", "CUSR0000SAC", "CUSR0000SAD",
        "CUSR0000SAS", "CPIULFSL", "CUSR0000SA0L2", "CUSR0000SA0L5", "CUUR0000SA0L2", "CUUR0000SAD", "PCPI", "PCPIX",
    ];

    private readonly FrozenDictionary<string, Func<SeriesInfo, PublicationLagRule>> _bySeries;

    private PublicationLagRules(FrozenDictionary<string, Func<SeriesInfo, PublicationLagRule>> bySeries, string definition)
    {
        _bySeries = bySeries;
        Definition = definition;
    }

    /// <summary>
    /// A canonical description of how these rules differ from <see cref="Default"/> (<c>default</c>, then each override in the
    /// order it was made, e.g. <c>default;INDPRO=monthly+45d</c>): part of the definition of the datasets dated with them.
    /// </summary>
    internal string Definition { get; }

    /// <summary>Family defaults plus the built-in series exceptions listed in the remarks.</summary>
    public static PublicationLagRules Default { get; } = new(new Dictionary<string, Func<SeriesInfo, PublicationLagRule>>(StringComparer.Ordinal)
    {
        ["CLAIMSx"] = s => PublicationLagRule.DaysAfterPeriodEnd(s.Frequency, 7),
        ["HWI"] = s => PublicationLagRule.DaysAfterPeriodEnd(s.Frequency, 31),
        ["HWIURATIO"] = s => PublicationLagRule.DaysAfterPeriodEnd(s.Frequency, 31),
        ["S&P div yield"] = s => PublicationLagRule.DaysAfterPeriodEnd(s.Frequency, 183),
        ["S&P PE ratio"] = s => PublicationLagRule.DaysAfterPeriodEnd(s.Frequency, 183),
    }.ToFrozenDictionary(StringComparer.Ordinal), "default");

    /// <summary>The default rule of a family for series of frequency <paramref name="frequency"/> (table in the remarks).</summary>
    public static PublicationLagRule ForFamily(SeriesFamily family, Frequency frequency) => family switch
    {
        SeriesFamily.OutputAndIncome => PublicationLagRule.DaysAfterPeriodEnd(frequency, 31),
        SeriesFamily.LaborMarket when frequency == Frequency.Monthly =>
            PublicationLagRule.WeekdayAfterPeriodEnd(frequency, DayOfWeek.Friday, 3),
        SeriesFamily.LaborMarket => PublicationLagRule.DaysAfterPeriodEnd(frequency, 31),
        SeriesFamily.Housing => PublicationLagRule.DaysAfterPeriodEnd(frequency, 31),
        SeriesFamily.ConsumptionOrdersAndInventories => PublicationLagRule.DaysAfterPeriodEnd(frequency, 62),
        SeriesFamily.MoneyAndCredit => PublicationLagRule.DaysAfterPeriodEnd(frequency, 42),
        SeriesFamily.InterestAndExchangeRates => PublicationLagRule.DaysAfterPeriodEnd(frequency, 1),
        SeriesFamily.Prices => PublicationLagRule.DaysAfterPeriodEnd(frequency, 31),
        SeriesFamily.StockMarket => PublicationLagRule.DaysAfterPeriodEnd(frequency, 1),
        _ => PublicationLagRule.DaysAfterPeriodEnd(frequency, 62),
    };

    /// <summary>The rule for <paramref name="series"/>: its explicit rule, else its family's default.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public PublicationLagRule For(SeriesInfo series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return _bySeries.TryGetValue(series.Name, out Func<SeriesInfo, PublicationLagRule>? rule)
            ? rule(series)
            : ForFamily(series.Family, series.Frequency);
    }

    /// <summary>These rules with <paramref name="rule"/> for <paramref name="series"/>, whatever its family or frequency.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PublicationLagRules With(string series, PublicationLagRule rule)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rule);
        return WithRule(series, _ => rule, $"{series}={rule}");
    }

    /// <summary>
    /// These rules with each of <paramref name="series"/> released on <paramref name="calendar"/>'s dates, falling back to the
    /// rule it had before for periods the calendar does not cover.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PublicationLagRules WithCalendar(IEnumerable<string> series, ReleaseCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(calendar);
        PublicationLagRules result = this;
        foreach (string name in series)
        {
            PublicationLagRules before = result;
            result = result.WithRule(name, info => PublicationLagRule.FromCalendar(calendar, before.For(info)), $"{name}=calendar:{calendar.Name}");
        }

        return result;
    }

    private PublicationLagRules WithRule(string series, Func<SeriesInfo, PublicationLagRule> rule, string description)
    {
        var rules = new Dictionary<string, Func<SeriesInfo, PublicationLagRule>>(_bySeries, StringComparer.Ordinal) { [series] = rule };
        return new PublicationLagRules(rules.ToFrozenDictionary(StringComparer.Ordinal), $"{Definition};{description}");
    }
}
