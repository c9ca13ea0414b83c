using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests;

/// <summary>The code shown in README.md and src/MacroLab.Data/README.md, run as written (paths made absolute).</summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public async Task The_repository_README_example_runs_and_picks_real_time_values()
    {
        SourceData v2019 = await SourceReader.ReadFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2019-10.csv"));
        SourceData v2023 = await SourceReader.ReadFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2023-06.csv"));
        ObservationSet observations = ObservationSet.Combine([v2019.Observations, v2023.Observations])
            .WithVintagePolicy(VintagePolicy.Strict, _ => PublicationLagRule.Parse("monthly+31d"));

        var features = new FeatureSet("inflation",
        [
            new FeatureDefinition("cpi.yoy", "CPIAUCSL", SeriesTransform.YearOverYear),
            new FeatureDefinition("cpi.yoy.z60", "CPIAUCSL", SeriesTransform.YearOverYear) { Window = WindowStatistic.ZScore, WindowLength = 60 },
        ]) { MaxStalenessDays = 124 };

        FeatureTable table = PointInTimeJoin.Compute(observations,
            DecisionCalendar.MonthEnds(new DateOnly(2019, 11, 1), new DateOnly(2023, 7, 31)), features);
        CellProvenance? used = table.Provenance(row: 0, column: 0);

        Assert.Equal(ReferencePeriod.Month(2019, 9), used!.Value.Period);
        Assert.Equal("2019-10", used.Value.Vintage);
        Assert.Null(table.Values[table.Values.IndexOf(new DateOnly(2021, 6, 30)), 0]); // stale between the vintages
        Assert.NotNull(table.Values[table.Values.IndexOf(new DateOnly(2023, 7, 31)), 1]);
    }

    [Fact]
    public async Task The_package_README_example_runs()
    {
        SourceData vintage = await SourceReader.ReadFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2019-10.csv"));
        ObservationSet observations = vintage.Observations.WithVintagePolicy(
            VintagePolicy.FirstVintageBackfill, series => PublicationLagRules.Default.For(vintage.Series.Single(s => s.Name == series)));

        FeatureTable table = PointInTimeJoin.Compute(
            observations,
            DecisionCalendar.MonthEnds(new DateOnly(1990, 1, 1), new DateOnly(2019, 10, 31)),
            new FeatureSet("macro", [FeatureDefinition.FromTransformCode("CPIAUCSL", 6), FeatureDefinition.FromTransformCode("INDPRO", 5)]));

        Assert.InRange(table.Coverage.PseudoRealTimeShare, 0.99, 1.0);
        Assert.Equal(["CPIAUCSL.tcode6", "INDPRO.tcode5"], table.Values.Columns);
    }
}
