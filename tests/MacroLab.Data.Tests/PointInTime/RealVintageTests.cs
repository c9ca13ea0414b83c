using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.PointInTime;

/// <summary>The two real FRED-MD vintages: revisions exist, and the join picks the value as it stood at each date.</summary>
public sealed class RealVintageTests
{
    private static readonly Lazy<ObservationSet> Vintages = new(() => ObservationSet.Combine(
    [
        SourceReader.Read(SourceFormat.FredMd, File.ReadAllBytes(Repository.Sample("fred_md", "2019-10.csv")), "2019-10.csv").Observations,
        SourceReader.Read(SourceFormat.FredMd, File.ReadAllBytes(Repository.Sample("fred_md", "2023-06.csv")), "2023-06.csv").Observations,
    ]));

    [Theory]
    [InlineData("CPIAUCSL", 256.358, 256.511)] // seasonal-factor revision
    [InlineData("PAYEMS", 151722, 151318)]      // benchmark revision
    public void September_2019_was_revised_between_the_vintages(string series, double realTime, double revised)
    {
        Observation[] september = [.. Vintages.Value.OfSeries(series).Where(o => o.Period == ReferencePeriod.Month(2019, 9))];

        Assert.Equal(2, september.Length);
        Assert.Equal(realTime, september.Single(o => o.Vintage == "2019-10").Value);
        Assert.Equal(revised, september.Single(o => o.Vintage == "2023-06").Value);
    }

    [Fact]
    public void Many_values_differ_between_the_vintages()
    {
        var first = Vintages.Value.Where(o => o.Vintage == "2019-10").ToDictionary(o => (o.Series, o.Period), o => o.Value);
        int revised = Vintages.Value.Count(o => o.Vintage == "2023-06" && first.TryGetValue((o.Series, o.Period), out double old) && old != o.Value);

        Assert.True(revised > 10_000, $"only {revised} revised values");
    }

    [Fact]
    public void The_join_picks_the_real_time_value_until_the_revision_is_published()
    {
        DecisionDate[] dates =
        [
            new(new DateOnly(2019, 11, 6)),  // before the first vintage counts as known
            new(new DateOnly(2019, 11, 7)),  // the 7th of the month after the vintage's own: known
            new(new DateOnly(2021, 12, 31)), // between the vintages: still the real-time value
            new(new DateOnly(2023, 7, 7)),   // the second vintage's day
        ];

        FeatureTable table = PointInTimeJoin.AsOf(Vintages.Value, dates);
        int cpi = table.Values.IndexOf("CPIAUCSL");

        Assert.Null(table.Values[0, cpi]);
        Assert.Equal(256.358, table.Values[1, cpi]);
        Assert.Equal(256.358, table.Values[2, cpi]);
        Assert.Equal(ReferencePeriod.Month(2019, 9), table.Provenance(2, cpi)!.Value.Period);
        Assert.Equal("2019-10", table.Provenance(2, cpi)!.Value.Vintage);
        Assert.Equal(303.294, table.Values[3, cpi]); // May 2023, the newest month of the 2023-06 vintage
    }

    [Fact]
    public void A_transform_at_t_uses_the_vintage_known_at_t_for_every_lag()
    {
        var set = new FeatureSet("cpi", [new FeatureDefinition("CPI.dlog", "CPIAUCSL", SeriesTransform.LogDifference)]);
        DecisionDate[] dates = [new(new DateOnly(2021, 12, 31))];

        double value = PointInTimeJoin.Compute(Vintages.Value, dates, set).Values[0, 0]!.Value;

        // The 2019-10 vintage's September and August, not the revised 256.511 and 256.059.
        Assert.Equal(Math.Log(256.358) - Math.Log(256.3), value, 15);
    }

    [Fact]
    public void With_backfill_the_first_vintage_reaches_back_to_1959_and_the_second_stays_at_its_release()
    {
        PublicationLagRules rules = PublicationLagRules.Default;
        ObservationSet set = Vintages.Value.WithVintagePolicy(VintagePolicy.FirstVintageBackfill,
            series => rules.For(FredMdCatalog.Default.TryGet(series, out SeriesInfo info) ? info : new SeriesInfo(series, Frequency.Monthly)));

        Observation[] cpi1990 = [.. set.OfSeries("CPIAUCSL").Where(o => o.Period == ReferencePeriod.Month(1990, 1) && o.Vintage == "2019-10")];
        Assert.Equal(2, cpi1990.Length);
        Assert.Equal(ReleaseTiming.Backfilled, cpi1990[0].Timing);
        Assert.Equal(new DateOnly(1990, 3, 3), cpi1990[0].AvailableAt.Date); // January's end + 31 days (prices)
        // The value as the vintage published it stays, from the vintage's day: from then on it is real-time, not backfilled.
        Assert.Equal(ReleaseTiming.Published, cpi1990[1].Timing);
        Assert.Equal(new DateOnly(2019, 11, 7), cpi1990[1].AvailableAt.Date);

        // Series present in both vintages keep the second vintage at its release.
        Assert.All(set.OfSeries("CPIAUCSL").Where(o => o.Vintage == "2023-06"), o => Assert.Equal(new DateOnly(2023, 7, 7), o.AvailableAt.Date));
        // A series that first appears in 2023-06 has that as its earliest vintage, so it is backfilled too.
        Assert.Equal(ReleaseTiming.Backfilled, set.OfSeries("VIXCLSx").First(o => o.Period == ReferencePeriod.Month(2000, 1)).Timing);
    }
}
