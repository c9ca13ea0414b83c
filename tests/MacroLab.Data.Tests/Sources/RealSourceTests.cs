using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.Sources;

/// <summary>Every bundled file reads, with the spot values its PROVENANCE.md states.</summary>
public sealed class RealSourceTests
{
    private static SourceData Read(SourceFormat format, string folder, string file, SourceReadOptions? options = null) =>
        SourceReader.Read(format, File.ReadAllBytes(Repository.Sample(folder, file)), file, options);

    private static double Value(SourceData data, string series, int year, int month, int day = 1) =>
        data.Observations.OfSeries(series).Single(o => o.Period.Start == new DateOnly(year, month, day)).Value;

    [Fact]
    public void FredMd_2019_10_holds_128_series_to_September_2019_released_with_the_vintage()
    {
        SourceData data = Read(SourceFormat.FredMd, "fred_md", "2019-10.csv");

        Assert.Equal(128, data.Series.Count);
        Assert.Equal("2019-10", data.Vintage);
        Assert.Equal(new DateOnly(2019, 11, 7), data.VintageRelease!.Value.Date); // the 7th of the next month
        Assert.Equal(256.358, Value(data, "CPIAUCSL", 2019, 9));
        Assert.Equal(110.1185, Value(data, "INDPRO", 2019, 1));
        Assert.Equal(15.32, Value(data, "GS10", 1981, 9));
        Assert.Equal(19.10, data.Observations.OfSeries("FEDFUNDS").Max(o => o.Value));
        Assert.Equal(new DateOnly(2019, 9, 1), data.Observations.Max(o => o.Period).Start);
        Assert.All(data.Observations, o => Assert.Equal(new DateOnly(2019, 11, 7), o.AvailableAt.Date));
        // The ragged edge: ACOGNO has no September value.
        Assert.Equal(new DateOnly(2019, 8, 1), data.Observations.OfSeries("ACOGNO").Max(o => o.Period).Start);
        Assert.Equal(6, data.Series.Single(s => s.Name == "CPIAUCSL").TransformCode);
        Assert.Equal(SeriesFamily.Prices, data.Series.Single(s => s.Name == "CPIAUCSL").Family);
        Assert.Equal(SeriesFamily.MoneyAndCredit, data.Series.Single(s => s.Name == "AMBSL").Family);
    }

    [Fact]
    public void FredMd_2023_06_holds_127_series_with_revised_and_rebased_values()
    {
        SourceData data = Read(SourceFormat.FredMd, "fred_md", "2023-06.csv");

        Assert.Equal(127, data.Series.Count);
        Assert.Equal(256.511, Value(data, "CPIAUCSL", 2019, 9));
        Assert.Equal(259.037, Value(data, "CPIAUCSL", 2020, 1));
        Assert.Equal(14.7, Value(data, "UNRATE", 2020, 4));
        Assert.Equal(130430, Value(data, "PAYEMS", 2020, 4));
        Assert.Equal(103.373, Value(data, "INDPRO", 2019, 1)); // 2017 = 100
        Assert.Contains(data.Series, s => s.Name == "VIXCLSx");
        Assert.DoesNotContain(data.Series, s => s.Name == "VXOCLSx");
    }

    [Fact]
    public void FamaFrench_monthly_reads_the_monthly_block_in_decimals_and_ignores_the_annual_block()
    {
        SourceData data = Read(SourceFormat.FamaFrench, "fama_french_3factors", "F-F_Research_Data_Factors.CSV", new SourceReadOptions { Vintage = "2024-08" });

        Assert.Equal(["FF.Mkt-RF", "FF.SMB", "FF.HML", "FF.RF"], data.Series.Select(s => s.Name));
        Assert.All(data.Series, s => Assert.Equal(Frequency.Monthly, s.Frequency));
        Assert.Equal(1178, data.Observations.OfSeries("FF.Mkt-RF").Count());
        Assert.Equal(-0.2324, Value(data, "FF.Mkt-RF", 1987, 10), 12);
        Assert.Equal(0.0060, Value(data, "FF.RF", 1987, 10), 12);
        Assert.Equal(new DateOnly(2024, 8, 1), data.Observations.Max(o => o.Period).Start);
        Assert.Equal(new DateOnly(2024, 9, 30), data.VintageRelease!.Value.Date);
    }

    [Fact]
    public void FamaFrench_daily_takes_its_vintage_from_the_preamble()
    {
        SourceData data = Read(SourceFormat.FamaFrench, "fama_french_3factors", "F-F_Research_Data_Factors_daily.CSV");

        Assert.Equal("2024-08", data.Vintage);
        Assert.Equal("FF.Mkt-RF.daily", data.Series[0].Name);
        Assert.Equal(Frequency.Daily, data.Series[0].Frequency);
        Assert.Equal(25817, data.Observations.OfSeries("FF.Mkt-RF.daily").Count());
        Assert.Equal(0.00022, Value(data, "FF.RF.daily", 2024, 8, 30), 12);
    }

    [Fact]
    public void H15_reads_eleven_maturities_with_both_kinds_of_missing_values_left_out()
    {
        SourceData data = Read(SourceFormat.H15, "us_treasury_yields_h15", "FRB_H15.csv");

        Assert.Equal(["UST1M", "UST3M", "UST6M", "UST1Y", "UST2Y", "UST3Y", "UST5Y", "UST7Y", "UST10Y", "UST20Y", "UST30Y"], data.Series.Select(s => s.Name));
        Assert.Equal(15.84, data.Observations.OfSeries("UST10Y").Max(o => o.Value));
        Assert.Equal(0.54, Value(data, "UST10Y", 2020, 3, 9));
        Assert.Equal(new DateOnly(2001, 7, 31), data.Observations.OfSeries("UST1M").Min(o => o.Period).Start);
        Assert.DoesNotContain(data.Observations.OfSeries("UST20Y"), o => o.Period.Start.Year is > 1987 and < 1993);
        Observation sample = data.Observations.OfSeries("UST10Y").First();
        Assert.Equal(ReleaseTiming.Estimated, sample.Timing);
        Assert.Equal(sample.Period.Start.AddDays(1), sample.AvailableAt.Date);
    }

    [Fact]
    public void The_CPI_calendar_has_the_shutdown_gap_and_the_late_September_2025_release()
    {
        ReleaseCalendar calendar = ReleaseCalendar.ReadMonthlyCsv("cpi", File.ReadAllText(Repository.Sample("release_calendars", "cpi_dates.csv")), "cpi_dates.csv");

        Assert.True(calendar.TryGetRelease(ReferencePeriod.Month(2025, 9), out ReleaseDate september));
        Assert.Equal(new DateOnly(2025, 10, 24), september.Date);
        Assert.False(calendar.TryGetRelease(ReferencePeriod.Month(2025, 10), out _));
        Assert.True(calendar.TryGetRelease(ReferencePeriod.Month(2014, 12), out ReleaseDate first));
        Assert.Equal(new DateOnly(2015, 1, 16), first.Date);
    }

    [Fact]
    public void The_catalog_covers_every_series_of_both_vintages_and_matches_the_appendix_spelling()
    {
        Assert.True(FredMdCatalog.Default.Count >= 131);
        foreach (string file in (string[])["2019-10.csv", "2023-06.csv"])
        {
            SourceData data = Read(SourceFormat.FredMd, "fred_md", file);
            Assert.All(data.Series, s => Assert.True(FredMdCatalog.Default.TryGet(s.Name, out _), $"{s.Name} of {file} is not in the catalog"));
        }

        Assert.True(FredMdCatalog.Default.TryGet("IPB51222S", out SeriesInfo utilities));
        Assert.Equal("IPB51222S", utilities.Name);
        Assert.Equal(SeriesFamily.OutputAndIncome, utilities.Family);
        Assert.Equal(SeriesFamily.Unknown, FredMdCatalog.Default.FamilyOf("NOPE"));
    }
}
