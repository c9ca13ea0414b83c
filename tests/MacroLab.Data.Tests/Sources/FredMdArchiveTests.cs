using System.IO.Compression;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.Sources;

/// <summary>The bundled FRED-MD archive: rebuilt byte for byte from the published vintages, faithful to each of them, and strict.</summary>
public sealed class FredMdArchiveTests
{
    private static readonly Lazy<SourceData> Bundled = new(() =>
        SourceReader.Read(SourceFormat.FredMdArchive, File.ReadAllBytes(Repository.Sample("fred_md", "vintages.csv.gz")), "vintages.csv.gz"));

    private static (double Value, string Vintage)[] History(string series, DateOnly period) =>
        [.. Bundled.Value.Observations.OfSeries(series).Where(o => o.Period.Start == period).OrderBy(o => o.AvailableAt).Select(o => (o.Value, o.Vintage!))];

    [SkippableFact]
    public void The_bundled_archive_is_rebuilt_byte_for_byte_from_the_267_published_vintages()
    {
        string? missing = Repository.SharedDataMissing();
        Skip.If(missing is not null, missing);
        string[] files = Repository.PublishedFredMdVintages();

        byte[] rebuilt = FredMdArchive.Pack([.. files.Select(f => (Path.GetFileName(f), (ReadOnlyMemory<byte>)File.ReadAllBytes(f)))]);

        Assert.Equal(267, files.Length);
        Assert.Equal(Inflate(File.ReadAllBytes(Repository.Sample("fred_md", "vintages.csv.gz"))), rebuilt);
    }

    [SkippableFact]
    public void Reading_the_archive_replays_every_value_of_each_vintage_it_was_packed_from()
    {
        string? missing = Repository.SharedDataMissing();
        Skip.If(missing is not null, missing);
        // Three consecutive vintages in both layouts: the padded reconstruction (2014-12) and the releases after it.
        (string Name, byte[] Bytes)[] files = [.. new[] { "2014-12.csv.gz", "2015-01.csv.gz", "2015-02.csv.gz" }
            .Select(f => (f, File.ReadAllBytes(Repository.SharedData("fred_md", "vintages", f))))];
        SourceData archive = SourceReader.Read(SourceFormat.FredMdArchive, FredMdArchive.Pack([.. files.Select(f => (f.Name, (ReadOnlyMemory<byte>)f.Bytes))]), "packed");

        foreach ((string name, byte[] bytes) in files)
        {
            SourceData vintage = SourceReader.Read(SourceFormat.FredMd, bytes, name);
            ReleaseDate release = vintage.VintageRelease!.Value;
            // The state as of the vintage's release: each (series, period) at its latest value released by then.
            Dictionary<(string, DateOnly), double> state = archive.Observations.Where(o => o.AvailableAt <= release)
                .GroupBy(o => (o.Series, o.Period.Start)).ToDictionary(g => g.Key, g => g.MaxBy(o => o.AvailableAt).Value);
            Assert.All(vintage.Observations, o => Assert.Equal(o.Value, state[(o.Series, o.Period.Start)]));
            Assert.All(archive.Observations.Where(o => o.Vintage == vintage.Vintage), o => Assert.Equal(release, o.AvailableAt));
        }

        // What the files share is not repeated: 2015-01 adds new series (HWI, NAPM...) and a month, not 126 histories.
        Assert.True(archive.Observations.Count < files.Sum(f => SourceReader.Read(SourceFormat.FredMd, f.Bytes, f.Name).Observations.Count) / 2);
    }

    [Fact]
    public void The_archive_holds_the_revisions_PROVENANCE_lists_each_dated_by_its_vintage()
    {
        Assert.Equal(
            [(234.677, "2015-02"), (234.954, "2016-02"), (234.913, "2017-02"), (234.836, "2018-02"), (234.718, "2019-02"), (234.747, "2020-02")],
            History("CPIAUCSL", new DateOnly(2015, 1, 1)));
        Assert.Equal(
            [(150816.0, "2019-04"), (150832, "2019-05"), (150796, "2019-06"), (150282, "2020-02"), (150263, "2021-02"), (150320, "2023-06")],
            History("PAYEMS", new DateOnly(2019, 3, 1)));
        Assert.Equal([(14.7, "2020-05"), (14.8, "2021-01"), (14.7, "2023-06")], History("UNRATE", new DateOnly(2020, 4, 1)));
        // September 2019 CPI as first printed (2019-10) and as revised in 2020-02, the value 2023-06 also has.
        Assert.Equal(256.358, History("CPIAUCSL", new DateOnly(2019, 9, 1))[0].Value);
        Assert.Equal(256.511, History("CPIAUCSL", new DateOnly(2019, 9, 1))[^1].Value);
        // A vintage counts as known from the 7th of the following month.
        Assert.Equal(new DateOnly(2019, 11, 7), Bundled.Value.Observations.First(o => o.Vintage == "2019-10").AvailableAt.Date);
        Assert.Equal(267, Bundled.Value.Observations.Vintages.Count);
        Assert.Equal(144, Bundled.Value.Series.Count); // the 143 names of 1999-08 .. 2021-09, and VIXCLSx from 2023-06
        Assert.Equal(6, Bundled.Value.Series.Single(s => s.Name == "CPIAUCSL").TransformCode);
    }

    public static TheoryData<string, int, string?, string> BadTables => new()
    {
        { "vintage,series,period,value\n", 1, null, "expected the header" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,6,2019-08,1\n2019-09,CPI,6,2019-07,1\n", 3, "vintage", "increasing order" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,6,2019-08,1\n2019-11,CPI,5,2019-09,1\n", 3, "tcode", "had transform code 6" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,9,2019-08,1\n", 2, "tcode", "from 1 to 7" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,6,2019-10,1\n", 2, "period", "future of vintage 2019-10" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,6,2019/08,1\n", 2, "period", "expected a month" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,6,2019-08,1\n2019-10,CPI,6,2019-07,1\n", 3, null, "sorted by series" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,6,2019-08,abc\n", 2, "value", "finite decimal number" },
        { "vintage,series,tcode,period,value\n2019-10,CPI,6,2019-08\n", 2, null, "expected 5 fields" },
        { "vintage,series,tcode,period,value\n", 1, null, "no rows" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void A_malformed_table_is_refused_naming_line_and_column(string text, int line, string? column, string problem)
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => SourceReader.Read(SourceFormat.FredMdArchive, System.Text.Encoding.UTF8.GetBytes(text), "archive.csv"));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_gzip_stream_is_refused_naming_the_file()
    {
        byte[] archive = File.ReadAllBytes(Repository.Sample("fred_md", "vintages.csv.gz"));

        DataFormatException error = Assert.Throws<DataFormatException>(() => SourceReader.Read(SourceFormat.FredMdArchive, archive.AsSpan(0, 5000), "vintages.csv.gz"));

        Assert.Equal("vintages.csv.gz", error.SourceName);
        Assert.Contains("gzip", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Inflate(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
