using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data;
using MacroLab.Data.Sources;

namespace MacroLab.Cli.Tests;

/// <summary>The long table the CLI writes reads back to the same observations, through the same parser users feed.</summary>
public sealed class LongCsvRoundTripTests
{
    [Fact]
    public async Task A_FRED_MD_vintage_written_as_a_long_table_reads_back_identically()
    {
        using var folder = new TemporaryFolder();
        SourceData vintage = await SourceReader.ReadFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2023-06.csv"));
        await using (var writer = new StreamWriter(folder.File("long.csv")))
        {
            CsvOutput.WriteLong(vintage.Observations, writer);
        }

        ObservationSet read = await SourceReader.ReadLongTablesAsync([folder.File("long.csv")]);

        Assert.Equal(vintage.Observations, read);
    }

    [Property(MaxTest = 200, Replay = "(31415926,27182817)")]
    public Property Any_observations_survive_the_long_csv_round_trip() =>
        Prop.ForAll(Observations().ToArbitrary(), observations =>
        {
            ObservationSet set = ObservationSet.Create(observations.DistinctBy(o => (o.Series, o.Period, o.AvailableAt)));
            using var writer = new StringWriter();
            CsvOutput.WriteLong(set, writer);

            ObservationSet read = SourceReader.Read(SourceFormat.LongCsv, System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "round.csv").Observations;

            return set.SequenceEqual(read);
        });

    private static Gen<Observation[]> Observations() =>
        Gen.ArrayOf(
            from series in Gen.Elements("A", "b,c", "quote\"d", "S&P 500")
            from day in Gen.Choose(0, 20_000)
            from lag in Gen.Choose(0, 400)
            from mantissa in Gen.Choose(-1_000_000, 1_000_000)
            from exponent in Gen.Choose(-12, 12)
            from vintage in Gen.Elements<string?>(null, "2023-06", "v,1")
            let period = new DateOnly(1960, 1, 1).AddDays(day)
            select new Observation(series, new ReferencePeriod(period), mantissa * Math.Pow(10, exponent) / 7.0,
                new ReleaseDate(period.AddDays(lag)), vintage))
        .Where(observations => observations.Length > 0); // a table without rows is refused as empty
}
