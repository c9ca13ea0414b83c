using System.Text;
using MacroLab.Data.Csv;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.Sources;

public sealed class SourceReaderTests
{
    private static SourceData Read(SourceFormat format, string content, string name = "obs.csv", SourceReadOptions? options = null) =>
        SourceReader.Read(format, Encoding.UTF8.GetBytes(content), name, options);

    [Fact]
    public void The_csv_reader_handles_quotes_line_endings_and_reports_lines()
    {
        var reader = new CsvRecordReader("\uFEFFa,\"b,\"\"c\"\"\"\r\n\"multi\nline\",x\rlast,", "t.csv");

        Assert.True(reader.Read());
        Assert.Equal(1, reader.Line);
        Assert.Equal("a", reader.FieldString(0));
        Assert.Equal("b,\"c\"", reader.FieldString(1));
        Assert.True(reader.Read());
        Assert.Equal(2, reader.Line);
        Assert.Equal("multi\nline", reader.FieldString(0));
        Assert.True(reader.Read());
        Assert.Equal(4, reader.Line);
        Assert.Equal(["last", ""], [reader.FieldString(0), reader.FieldString(1)]);
        Assert.False(reader.EndedWithLineBreak);
        Assert.False(reader.Read());
    }

    [Fact]
    public void A_long_table_may_come_in_any_order_with_revisions_months_and_estimated_release_dates()
    {
        SourceData data = Read(SourceFormat.LongCsv,
            "vintage,value,period,series,available_at\n" +
            "2020-03,101,2020-01,PAYEMS,2020-03-06\n" +
            ",100,2020-01-01,PAYEMS,2020-02-07\n" +
            ",5.5,2020-01,MYSERIES,\n");

        Observation[] payrolls = [.. data.Observations.OfSeries("PAYEMS")];
        Assert.Equal([100.0, 101.0], payrolls.Select(o => o.Value));
        Assert.Equal([null, "2020-03"], payrolls.Select(o => o.Vintage));
        Assert.All(payrolls, o => Assert.Equal(ReleaseTiming.Published, o.Timing));

        // No available_at: the conservative default for an unknown series, the end of the month + 62 days.
        Observation estimated = data.Observations.OfSeries("MYSERIES").Single();
        Assert.Equal(ReleaseTiming.Estimated, estimated.Timing);
        Assert.Equal(new DateOnly(2020, 4, 2), estimated.AvailableAt.Date);
        Assert.Equal(Frequency.Monthly, data.Series.Single(s => s.Name == "MYSERIES").Frequency);
    }

    [Fact]
    public void A_lag_option_overrides_the_series_rules()
    {
        SourceData data = Read(SourceFormat.LongCsv, "series,period,value\nX,2020-01-15,1\n",
            options: new SourceReadOptions { Lag = MacroLab.Data.PointInTime.PublicationLagRule.Parse("daily+2d") });

        Assert.Equal(new DateOnly(2020, 1, 17), data.Observations.Single().AvailableAt.Date);
        Assert.Equal(Frequency.Daily, data.Series.Single().Frequency);
    }

    [Fact]
    public void A_FRED_download_names_its_series_skips_dots_and_dates_values_by_the_series_family()
    {
        SourceData data = Read(SourceFormat.FredSeries, "observation_date,UNRATE\n2020-01-01,3.5\n2020-02-01,.\n2020-03-01,4.4\n", "UNRATE.csv");

        Assert.Equal(["UNRATE"], data.Series.Select(s => s.Name));
        Assert.Equal(Frequency.Monthly, data.Series[0].Frequency);
        Assert.Equal([3.5, 4.4], data.Observations.Select(o => o.Value));
        // UNRATE is an Employment Situation series: the first Friday at least 3 days into the next month.
        Assert.Equal(new DateOnly(2020, 2, 7), data.Observations[0].AvailableAt.Date);
        Assert.All(data.Observations, o => Assert.Equal(ReleaseTiming.Estimated, o.Timing));
    }

    [Fact]
    public void A_FRED_download_with_a_vintage_is_published_on_the_vintage_release()
    {
        SourceData data = Read(SourceFormat.FredSeries, "DATE,VALUE\n2020-01-01,1\n", "x.csv",
            new SourceReadOptions { SeriesName = "X", Vintage = "2020-03", ReleasedOn = new DateOnly(2020, 3, 10) });

        Assert.Equal(new Observation("X", ReferencePeriod.Month(2020, 1), 1, new ReleaseDate(new DateOnly(2020, 3, 10)), "2020-03"), data.Observations.Single());
    }

    [Theory]
    [InlineData("2020-01-01,2020-02-01,2020-03-01", Frequency.Monthly)]
    [InlineData("2020-01-01,2020-04-01,2020-10-01", Frequency.Quarterly)]
    [InlineData("2019-01-01,2020-01-01", Frequency.Annual)]
    [InlineData("2020-01-01,2020-01-02", Frequency.Daily)]
    [InlineData("2020-02-01,2020-05-01", Frequency.Monthly)] // three months apart but not quarter starts
    public void Frequency_is_told_from_the_dates(string dates, Frequency expected)
    {
        string content = "DATE,X\n" + string.Concat(dates.Split(',').Select(d => $"{d},1\n"));
        Assert.Equal(expected, Read(SourceFormat.FredSeries, content).Series[0].Frequency);
    }

    [Fact]
    public void Observation_sets_sort_by_series_release_and_period_and_refuse_duplicates()
    {
        var late = new Observation("B", ReferencePeriod.Month(2020, 1), 1, new ReleaseDate(new DateOnly(2020, 3, 1)));
        var early = new Observation("B", ReferencePeriod.Month(2020, 2), 2, new ReleaseDate(new DateOnly(2020, 2, 1)));
        var other = new Observation("A", ReferencePeriod.Month(2020, 1), 3, new ReleaseDate(new DateOnly(2020, 5, 1)), "v");

        ObservationSet set = ObservationSet.Create([late, early, other]);

        Assert.Equal([other, early, late], set);
        Assert.Equal(["A", "B"], set.Series);
        Assert.Equal(["v"], set.Vintages);
        var error = Assert.Throws<DataFormatException>(() => ObservationSet.Create([late, late with { Value = 9 }]));
        Assert.Contains("series B, period 2020-01-01, available_at 2020-03-01", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ObservationSet.Create([late with { Value = double.NaN }]));
    }
}
