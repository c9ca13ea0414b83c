using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.Sources;

/// <summary>ALFRED's downloads and the FRED API's JSON: every value known from the start of the real-time period in which it held.</summary>
public sealed class AlfredTests
{
    private const string LongHeader = "observation_date,GDPC1,realtime_start_date,realtime_end_date\n";

    [Fact]
    public void The_long_download_dates_each_value_by_its_real_time_start()
    {
        SourceData data = Read(SourceFormat.Alfred, LongHeader
            + "2019-10-01,19121.1,2020-01-30,2020-02-26\n"
            + "2019-10-01,19121.4,2020-02-27,9999-12-31\n"
            + "2020-01-01,.,2020-04-29,2020-05-27\n"
            + "2020-01-01,18987.9,2020-05-28,9999-12-31\n");

        SeriesInfo info = Assert.Single(data.Series);
        Assert.Equal(("GDPC1", Frequency.Quarterly), (info.Name, info.Frequency));
        Assert.Equal(
            [("2019-10-01", 19121.1, "2020-01-30"), ("2019-10-01", 19121.4, "2020-02-27"), ("2020-01-01", 18987.9, "2020-05-28")],
            Rows(data));
        Assert.All(data.Observations, o => Assert.Equal(ReleaseTiming.Published, o.Timing));
        Assert.Equal(["2020-01-30", "2020-02-27", "2020-05-28"], data.Observations.Select(o => o.Vintage!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_real_time_start_before_the_period_ends_is_moved_to_its_end_and_flagged()
    {
        SourceData data = Read(SourceFormat.Alfred, "observation_date,CPIAUCSL,realtime_start_date,realtime_end_date\n2020-05-01,256.1,2020-05-03,9999-12-31\n");
        Observation only = Assert.Single(data.Observations);
        Assert.Equal(new DateOnly(2020, 5, 31), only.AvailableAt.Date);
        Assert.Equal(ReleaseTiming.Estimated, only.Timing);
        Assert.Equal("2020-05-03", only.Vintage);
    }

    [Fact]
    public void The_wide_download_keeps_what_each_vintage_changed()
    {
        SourceData data = Read(SourceFormat.AlfredWide,
            "observation_date,GDPC1_20200130,GDPC1_20200227,GDPC1_20200528,UNRATE_20200207\n"
            + "2019-10-01,19121.1,19121.4,19121.4,3.6\n"
            + "2020-01-01,.,.,18987.9,#N/A\n"
            + "2020-04-01,,,,\n");

        Assert.Equal(["GDPC1", "UNRATE"], data.Series.Select(s => s.Name));
        Assert.Equal(
            [("2019-10-01", 19121.1, "2020-01-30"), ("2019-10-01", 19121.4, "2020-02-27"), ("2020-01-01", 18987.9, "2020-05-28")],
            Rows(data, "GDPC1"));
        Assert.Equal([("2019-10-01", 3.6, "2020-02-07")], Rows(data, "UNRATE"));
    }

    [Fact]
    public void A_vintage_that_no_longer_shows_a_value_does_not_withdraw_it()
    {
        SourceData data = Read(SourceFormat.AlfredWide, "observation_date,X_20200101,X_20200201,X_20200301\n2019-11-01,1,.,1\n");
        Assert.Equal([("2019-11-01", 1.0, "2020-01-01")], Rows(data));
    }

    [Property(MaxTest = 200)]
    public Property The_long_and_the_wide_download_of_one_history_read_the_same(int seed)
    {
        // A random history: 1-6 quarters, 1-5 vintages, each vintage showing, revising or dropping each quarter's value.
        var random = new Random(seed);
        int periods = random.Next(1, 7), vintages = random.Next(1, 6);
        DateOnly[] starts = [.. Enumerable.Range(0, vintages).Select(v => new DateOnly(2021, 1, 1).AddDays((v * 37) + random.Next(0, 30)))];
        var grid = new double?[periods, vintages];
        for (int p = 0; p < periods; p++)
        {
            for (int v = 0; v < vintages; v++)
            {
                grid[p, v] = random.Next(4) switch { 0 => null, 1 when v > 0 => grid[p, v - 1], _ => Math.Round(random.NextDouble() * 100, 1) };
            }
        }

        var wide = new StringBuilder("observation_date," + string.Join(',', starts.Select(s => $"S_{s:yyyyMMdd}")) + "\n");
        var longForm = new StringBuilder("observation_date,S,realtime_start_date,realtime_end_date\n");
        for (int p = 0; p < periods; p++)
        {
            string date = new DateOnly(2018, 1, 1).AddMonths(3 * p).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            wide.Append(date).Append(',').AppendJoin(',', Enumerable.Range(0, vintages).Select(v => grid[p, v]?.ToString("R", CultureInfo.InvariantCulture) ?? ".")).Append('\n');
            double? held = null;
            for (int v = 0; v < vintages; v++)
            {
                if (grid[p, v] is { } value && value != held)
                {
                    longForm.Append(CultureInfo.InvariantCulture, $"{date},{value.ToString("R", CultureInfo.InvariantCulture)},{starts[v]:yyyy-MM-dd},9999-12-31\n");
                    held = value;
                }
            }
        }

        bool any = Enumerable.Range(0, periods).Any(p => Enumerable.Range(0, vintages).Any(v => grid[p, v] is not null));
        if (!any)
        {
            return true.ToProperty(); // both are errors then: no value at all
        }

        var fromWide = Rows(Read(SourceFormat.AlfredWide, wide.ToString()));
        var fromLong = Rows(Read(SourceFormat.Alfred, longForm.ToString()));
        return fromWide.SequenceEqual(fromLong).Label($"wide {string.Join(';', fromWide)} long {string.Join(';', fromLong)}");
    }

    [Fact]
    public void A_saved_FRED_API_response_reads_with_the_series_named()
    {
        const string json = """
            {"realtime_start":"1776-07-04","realtime_end":"9999-12-31","count":3,"offset":0,"limit":100000,"observations":[
            {"realtime_start":"2020-02-07","realtime_end":"2020-03-05","date":"2020-01-01","value":"151.9"},
            {"realtime_start":"2020-03-06","realtime_end":"9999-12-31","date":"2020-01-01","value":"151.8"},
            {"realtime_start":"2020-03-06","realtime_end":"9999-12-31","date":"2020-02-01","value":"."}]}
            """;
        SourceData data = SourceReader.Read(SourceFormat.FredApi, Encoding.UTF8.GetBytes(json), "payems.json", new SourceReadOptions { SeriesName = "PAYEMS" });
        Assert.Equal([("2020-01-01", 151.9, "2020-02-07"), ("2020-01-01", 151.8, "2020-03-06")], Rows(data));
        Assert.Equal(Frequency.Monthly, Assert.Single(data.Series).Frequency);
    }

    private static SourceData Read(SourceFormat format, string text) => SourceReader.Read(format, Encoding.UTF8.GetBytes(text), "download.csv");

    private static (string, double, string)[] Rows(SourceData data, string? series = null) =>
    [
        .. data.Observations.Where(o => series is null || o.Series == series)
            .OrderBy(o => o.Period.Start).ThenBy(o => o.AvailableAt.Date)
            .Select(o => (o.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.Value, o.AvailableAt.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
    ];
}
