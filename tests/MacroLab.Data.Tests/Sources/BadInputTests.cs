using System.Text;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.Sources;

/// <summary>Malformed input is refused with the file, line, column and text of the problem.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, SourceFormat, string, string, int, string?, string?, string> Cases => new()
    {
        // case, format, file name, content, line, column, offending text, message fragment
        { "fredmd empty", SourceFormat.FredMd, "2019-10.csv", "", 0, null, null, "the file is empty" },
        { "fredmd wrong delimiter", SourceFormat.FredMd, "2019-10.csv", "sasdate;RPI\nTransform:;5\n1/1/1959;1\n", 1, null, "sasdate;RPI", "wrong delimiter" },
        { "fredmd missing sasdate column", SourceFormat.FredMd, "2019-10.csv", "date,RPI\nTransform:,5\n1/1/1959,1\n", 1, "1", "date", "'sasdate'" },
        { "fredmd missing transform row", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\n1/1/1959,2\n", 2, "sasdate", "1/1/1959", "'Transform:' row" },
        { "fredmd bad transform code", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\nTransform:,9\n1/1/1959,2\n", 2, "RPI", "9", "transform code from 1 to 7" },
        { "fredmd non-numeric value", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI,INDPRO\nTransform:,5,5\n1/1/1959,1.5,abc\n", 3, "INDPRO", "abc", "finite decimal number" },
        { "fredmd infinite value", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\nTransform:,5\n1/1/1959,Infinity\n", 3, "RPI", "Infinity", "finite decimal number" },
        { "fredmd duplicate row", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\nTransform:,5\n1/1/1959,1\n1/1/1959,2\n", 4, "sasdate", "1/1/1959", "repeats the previous row" },
        { "fredmd dates out of order", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\nTransform:,5\n2/1/1959,1\n1/1/1959,2\n", 4, "sasdate", "1/1/1959", "out of order" },
        { "fredmd not a month start", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\nTransform:,5\n1/15/1959,1\n", 3, "sasdate", "1/15/1959", "first day of a month" },
        { "fredmd truncated last line", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI,INDPRO\nTransform:,5,5\n1/1/1959,1,2\n2/1/1959,1", 4, null, null, "last line is truncated" },
        { "fredmd short row", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI,INDPRO\nTransform:,5,5\n1/1/1959,1\n2/1/1959,1,2\n", 3, null, null, "expected 3 fields" },
        { "fredmd date in the future of its vintage", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\nTransform:,5\n9/1/2019,1\n10/1/2019,2\n", 4, "sasdate", "10/1/2019", "future of vintage 2019-10" },
        { "fredmd empty row inside the data", SourceFormat.FredMd, "2019-10.csv", "sasdate,RPI\nTransform:,5\n1/1/1959,1\n,\n2/1/1959,2\n", 4, null, null, "empty row inside the data" },
        { "fredmd unnamed vintage", SourceFormat.FredMd, "current.csv", "sasdate,RPI\nTransform:,5\n1/1/1959,1\n", 0, null, "current", "--vintage" },
        { "fredmd unclosed quote", SourceFormat.FredMd, "2019-10.csv", "sasdate,\"RPI\nTransform:,5\n", 1, "2", null, "never closed" },

        { "long empty", SourceFormat.LongCsv, "obs.csv", "", 0, null, null, "the file is empty" },
        { "long wrong delimiter", SourceFormat.LongCsv, "obs.csv", "series;period;value\nA;2020-01;1\n", 1, null, "series;period;value", "wrong delimiter" },
        { "long missing column", SourceFormat.LongCsv, "obs.csv", "series,period,available_at\nA,2020-01,2020-02-01\n", 1, "value", null, "missing column" },
        { "long unknown column", SourceFormat.LongCsv, "obs.csv", "series,period,value,availble_at\n", 1, "availble_at", "availble_at", "unknown column" },
        { "long non-numeric value", SourceFormat.LongCsv, "obs.csv", "series,period,value\nA,2020-01,x1\n", 2, "value", "x1", "finite decimal number" },
        { "long empty value", SourceFormat.LongCsv, "obs.csv", "series,period,value\nA,2020-01,\n", 2, "value", "", "empty value" },
        { "long bad period", SourceFormat.LongCsv, "obs.csv", "series,period,value\nA,2020-13-01,1\n", 2, "period", "2020-13-01", "ISO date" },
        { "long duplicate row", SourceFormat.LongCsv, "obs.csv", "series,period,value,available_at\nA,2020-01,1,2020-02-01\nB,2020-01,1,2020-02-01\nA,2020-01-01,2,2020-02-01\n", 4, null, "series A, period 2020-01-01, available_at 2020-02-01", "repeats line 2" },
        { "long truncated last line", SourceFormat.LongCsv, "obs.csv", "series,period,value,available_at\nA,2020-01,1,2020-02-01\nA,2020-02,1", 3, null, null, "last line is truncated" },
        { "long period in the future of its vintage", SourceFormat.LongCsv, "obs.csv", "series,period,value,vintage\nA,2023-07,1,2023-06\n", 2, "period", "2023-07-01", "future of its vintage" },
        { "long released before its period", SourceFormat.LongCsv, "obs.csv", "series,period,value,available_at\nA,2020-03,1,2020-02-01\n", 2, "available_at", "2020-02-01", "before its reference period" },

        { "fred empty", SourceFormat.FredSeries, "CPIAUCSL.csv", "", 0, null, null, "the file is empty" },
        { "fred wrong delimiter", SourceFormat.FredSeries, "CPIAUCSL.csv", "DATE;VALUE\n2020-01-01;1\n", 1, null, "DATE;VALUE", "wrong delimiter" },
        { "fred unnamed series", SourceFormat.FredSeries, "CPIAUCSL.csv", "DATE,VALUE\n2020-01-01,1\n", 1, "2", "VALUE", "--series" },
        { "fred non-numeric value", SourceFormat.FredSeries, "CPIAUCSL.csv", "DATE,CPIAUCSL\n2020-01-01,1.2.3\n", 2, "CPIAUCSL", "1.2.3", "finite decimal number" },
        { "fred dates out of order", SourceFormat.FredSeries, "CPIAUCSL.csv", "DATE,CPIAUCSL\n2020-02-01,1\n2020-01-01,2\n", 3, "DATE", "2020-01-01", "out of order" },
        { "fred truncated last line", SourceFormat.FredSeries, "CPIAUCSL.csv", "DATE,CPIAUCSL\n2020-01-01,1\n2020-02-01", 3, null, null, "last line is truncated" },

        { "famafrench empty", SourceFormat.FamaFrench, "ff.csv", "", 0, null, null, "no header row" },
        { "famafrench data before header", SourceFormat.FamaFrench, "ff.csv", "192607,1,2\n", 1, null, "192607", "before the header" },
        { "famafrench non-numeric", SourceFormat.FamaFrench, "ff.csv", ",Mkt-RF,RF\n192607,2.96,x\n", 2, "RF", "x", "finite decimal number" },
        { "famafrench out of order", SourceFormat.FamaFrench, "ff.csv", ",Mkt-RF,RF\n192608,1,1\n192607,1,1\n", 3, "1", "192607", "out of order" },
        { "famafrench mixed keys", SourceFormat.FamaFrench, "ff.csv", ",Mkt-RF,RF\n192607,1,1\n19260801,1,1\n", 3, "1", "19260801", "YYYYMM" },
        { "famafrench truncated last line", SourceFormat.FamaFrench, "ff.csv", ",Mkt-RF,RF\n192607,1,1\n192608,1", 3, null, null, "last line is truncated" },

        { "alfred empty", SourceFormat.Alfred, "CPIAUCSL.csv", "", 0, null, null, "the file is empty" },
        { "alfred wrong delimiter", SourceFormat.Alfred, "CPIAUCSL.txt", "observation_date\tCPIAUCSL\trealtime_start_date\trealtime_end_date\n", 1, null, "observation_date\tCPIAUCSL\trealtime_start_date\trealtime_end_date", "wrong delimiter" },
        { "alfred without real-time columns", SourceFormat.Alfred, "CPIAUCSL.csv", "observation_date,CPIAUCSL\n2020-01-01,1\n", 1, null, null, "expected four columns" },
        { "alfred bad date", SourceFormat.Alfred, "CPIAUCSL.csv", "observation_date,CPIAUCSL,realtime_start_date,realtime_end_date\n2020-13-01,1,2020-02-14,9999-12-31\n", 2, "observation_date", "2020-13-01", "ISO date" },
        { "alfred non-numeric", SourceFormat.Alfred, "CPIAUCSL.csv", "observation_date,CPIAUCSL,realtime_start_date,realtime_end_date\n2020-01-01,abc,2020-02-14,9999-12-31\n", 2, "CPIAUCSL", "abc", "finite decimal number" },
        { "alfred period ends before it starts", SourceFormat.Alfred, "CPIAUCSL.csv", "observation_date,CPIAUCSL,realtime_start_date,realtime_end_date\n2020-01-01,1,2020-02-14,2020-02-13\n", 2, "realtime_end_date", "2020-02-13", "ends before it starts" },
        { "alfred duplicate", SourceFormat.Alfred, "CPIAUCSL.csv", "observation_date,CPIAUCSL,realtime_start_date,realtime_end_date\n2020-01-01,1,2020-02-14,2020-03-12\n2020-01-01,2,2020-02-14,9999-12-31\n", 3, "observation_date", "2020-01-01", "second value for this period" },
        { "alfred only missing values", SourceFormat.Alfred, "CPIAUCSL.csv", "observation_date,CPIAUCSL,realtime_start_date,realtime_end_date\n2020-01-01,.,2020-02-14,9999-12-31\n", 0, null, null, "no values" },
        { "alfred-wide not a vintage column", SourceFormat.AlfredWide, "GDPC1.csv", "observation_date,GDPC1\n2020-01-01,1\n", 1, "2", "GDPC1", "vintage column" },
        { "alfred-wide vintage twice", SourceFormat.AlfredWide, "GDPC1.csv", "observation_date,GDPC1_20200430,GDPC1_20200430\n", 1, "GDPC1_20200430", "GDPC1_20200430", "appears twice" },
        { "alfred-wide dates out of order", SourceFormat.AlfredWide, "GDPC1.csv", "observation_date,GDPC1_20200430\n2020-01-01,1\n2019-10-01,1\n", 3, "observation_date", "2019-10-01", "out of order" },
        { "alfred-wide non-numeric", SourceFormat.AlfredWide, "GDPC1.csv", "observation_date,GDPC1_20200430\n2020-01-01,x\n", 2, "GDPC1_20200430", "x", "finite decimal number" },
        { "fred-api malformed JSON", SourceFormat.FredApi, "observations.json", "{\"count\": 1,", 1, null, null, "malformed JSON" },
        { "fred-api not observations", SourceFormat.FredApi, "observations.json", "{}", 1, "observations", null, "'observations' array" },
        { "fred-api error body", SourceFormat.FredApi, "observations.json", "{\"error_code\":400,\"error_message\":\"Bad Request.\"}", 1, "error_message", "Bad Request.", "a FRED error" },
        { "fred-api unnamed series", SourceFormat.FredApi, "observations.json", "{\"count\":0,\"observations\":[]}", 0, "seriess", null, "do not name their series" },

        { "h15 no header", SourceFormat.H15, "h15.csv", "\"Series Description\",\"x\"\n", 0, null, null, "'Time Period' header" },
        { "h15 non-numeric", SourceFormat.H15, "h15.csv", "\"Time Period\",RIFLGFCY10_N.B\n2020-01-02,1..8\n", 2, "UST10Y", "1..8", "finite decimal number" },
        { "h15 dates out of order", SourceFormat.H15, "h15.csv", "\"Time Period\",RIFLGFCY10_N.B\n2020-01-03,1\n2020-01-02,1\n", 3, "Time Period", "2020-01-02", "out of order" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_names_the_place_and_the_text(
        string name, SourceFormat format, string fileName, string content, int line, string? column, string? text, string fragment)
    {
        var error = Assert.Throws<DataFormatException>(() => SourceReader.Read(format, Encoding.UTF8.GetBytes(content), fileName));

        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"{name}: '{error.Message}' does not say '{fragment}'");
        Assert.Equal(fileName, error.SourceName);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(text, error.Text);
        Assert.StartsWith(line > 0 ? $"{fileName}:{line}: " : $"{fileName}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_UTF8_is_refused_with_its_line()
    {
        byte[] content = [.. "series,period,value\nA,2020-01,1\n"u8, 0x92, .. ",2020-02,1\n"u8];

        var error = Assert.Throws<DataFormatException>(() => SourceReader.Read(SourceFormat.LongCsv, content, "obs.csv"));

        Assert.Equal(3, error.Line);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicates_across_long_tables_name_both_files()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("a.csv"), "series,period,value,available_at\nA,2020-01,1,2020-02-01\n");
        File.WriteAllText(folder.File("b.csv"), "series,period,value,available_at\nB,2020-01,1,2020-02-01\nA,2020-01-01,2,2020-02-01\n");

        var error = await Assert.ThrowsAsync<DataFormatException>(() => SourceReader.ReadLongTablesAsync([folder.File("a.csv"), folder.File("b.csv")]));

        Assert.Equal(folder.File("b.csv"), error.SourceName);
        Assert.Equal(3, error.Line);
        Assert.Contains($"{folder.File("a.csv")}:2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("release_date,reference_month\n2015-01-16,Decembre 2014\n", 2, "reference_month", "'December 2014'")]
    [InlineData("release_date,month\n2015-01-16,December 2014\n", 1, "reference_month", "missing column")]
    [InlineData("release_date,reference_month\n2014-12-20,December 2014\n", 2, "release_date", "after its reference month")]
    [InlineData("release_date,reference_month\n2015-01-16,December 2014\n2015-01-17,2014-12\n", 3, "reference_month", "repeats line 2")]
    public void A_malformed_release_calendar_is_refused(string content, int line, string column, string fragment)
    {
        var error = Assert.Throws<DataFormatException>(() => ReleaseCalendar.ReadMonthlyCsv("cpi", content, "cpi.csv"));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }
}
