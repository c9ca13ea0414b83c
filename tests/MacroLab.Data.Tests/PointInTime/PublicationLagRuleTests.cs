using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.PointInTime;

public sealed class PublicationLagRuleTests
{
    [Theory]
    [InlineData(SeriesFamily.OutputAndIncome, "monthly+31d")]
    [InlineData(SeriesFamily.LaborMarket, "monthly+first-friday>=3d")]
    [InlineData(SeriesFamily.Housing, "monthly+31d")]
    [InlineData(SeriesFamily.ConsumptionOrdersAndInventories, "monthly+62d")]
    [InlineData(SeriesFamily.MoneyAndCredit, "monthly+42d")]
    [InlineData(SeriesFamily.InterestAndExchangeRates, "monthly+1d")]
    [InlineData(SeriesFamily.Prices, "monthly+31d")]
    [InlineData(SeriesFamily.StockMarket, "monthly+1d")]
    [InlineData(SeriesFamily.Unknown, "monthly+62d")]
    public void Family_defaults_are_pinned(SeriesFamily family, string rule) =>
        Assert.Equal(rule, PublicationLagRules.ForFamily(family, Frequency.Monthly).ToString());

    [Theory]
    [InlineData("CLAIMSx", "monthly+7d")]
    [InlineData("HWI", "monthly+31d")]
    [InlineData("S&P PE ratio", "monthly+183d")]
    [InlineData("PAYEMS", "monthly+first-friday>=3d")]
    [InlineData("NOT_A_SERIES", "monthly+62d")]
    public void Series_rules_resolve_through_the_catalog(string series, string rule)
    {
        FredMdCatalog.Default.TryGet(series, out SeriesInfo info);
        Assert.Equal(rule, PublicationLagRules.Default.For(info).ToString());
    }

    [Theory]
    [InlineData(2023, 8, "2023-09-08")]  // the first Friday, September 1, is too early: conservative
    [InlineData(2014, 12, "2015-01-09")] // BLS released December 2014 payrolls on January 9, 2015
    [InlineData(2020, 3, "2020-04-03")]
    public void The_employment_situation_comes_on_the_first_Friday_at_least_three_days_into_the_next_month(int year, int month, string expected)
    {
        PublicationLagRule rule = PublicationLagRules.ForFamily(SeriesFamily.LaborMarket, Frequency.Monthly);
        Assert.Equal(expected, rule.EstimateRelease(ReferencePeriod.Month(year, month)).ToString());
    }

    [Theory]
    [InlineData("monthly+31d", "2020-01-01", "2020-03-02")]
    [InlineData("daily+1d", "2020-02-28", "2020-02-29")]
    [InlineData("quarterly+45d", "2020-01-01", "2020-05-15")]
    [InlineData("annual+0d", "2019-01-01", "2019-12-31")]
    public void Day_rules_parse_print_and_count_from_the_end_of_the_period(string text, string period, string release)
    {
        PublicationLagRule rule = PublicationLagRule.Parse(text);

        Assert.Equal(text, rule.ToString());
        Assert.Equal(release, rule.EstimateRelease(new ReferencePeriod(DateOnly.Parse(period, System.Globalization.CultureInfo.InvariantCulture))).ToString());
    }

    [Theory]
    [InlineData("monthly31d")]
    [InlineData("weekly+1d")]
    [InlineData("monthly+-1d")]
    [InlineData("monthly+1")]
    public void Malformed_rules_are_rejected(string text) =>
        Assert.Throws<FormatException>(() => PublicationLagRule.Parse(text));

    [Fact]
    public void The_default_price_rule_is_never_earlier_than_the_real_BLS_CPI_release()
    {
        ReleaseCalendar calendar = ReleaseCalendar.ReadMonthlyCsv("cpi", File.ReadAllText(Repository.Sample("release_calendars", "cpi_dates.csv")), "cpi_dates.csv");
        PublicationLagRule rule = PublicationLagRules.ForFamily(SeriesFamily.Prices, Frequency.Monthly);

        Assert.Equal(138, calendar.Count);
        Assert.All(calendar.Releases, pair => Assert.True(rule.EstimateRelease(pair.Key) >= pair.Value,
            $"{pair.Key}: estimated {rule.EstimateRelease(pair.Key)}, released {pair.Value}"));
    }

    [Fact]
    public void A_calendar_gives_the_real_date_and_falls_back_outside_its_span()
    {
        ReleaseCalendar calendar = ReleaseCalendar.ReadMonthlyCsv("cpi", File.ReadAllText(Repository.Sample("release_calendars", "cpi_dates.csv")), "cpi_dates.csv");
        PublicationLagRules rules = PublicationLagRules.Default.WithCalendar(PublicationLagRules.CpiSeries, calendar);
        FredMdCatalog.Default.TryGet("CPIAUCSL", out SeriesInfo cpi);
        PublicationLagRule rule = rules.For(cpi);

        Assert.Equal("2025-10-24", rule.EstimateRelease(ReferencePeriod.Month(2025, 9)).ToString()); // delayed by the 2025 shutdown
        Assert.Equal("2015-02-26", rule.EstimateRelease(ReferencePeriod.Month(2015, 1)).ToString());
        Assert.Equal("2000-03-02", rule.EstimateRelease(ReferencePeriod.Month(2000, 1)).ToString()); // before the calendar: January 31 + 31 days
        Assert.StartsWith("calendar:cpi[138]|monthly+31d", rule.ToString(), StringComparison.Ordinal);
    }
}
