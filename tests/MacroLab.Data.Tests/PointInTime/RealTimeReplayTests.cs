using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Tests.PointInTime;

/// <summary>
/// The join on the real vintages: with every FRED-MD vintage loaded it replays, at each decision date, the newest vintage
/// released by then; and the known revisions of PROVENANCE.md reach a feature exactly when their vintage is out.
/// </summary>
public sealed class RealTimeReplayTests
{
    private static readonly Lazy<ObservationSet> Archive = new(() =>
        SourceReader.Read(SourceFormat.FredMdArchive, File.ReadAllBytes(Repository.Sample("fred_md", "vintages.csv.gz")), "vintages.csv.gz").Observations);

    private static readonly Lazy<ObservationSet> Payrolls = new(() =>
        SourceReader.Read(SourceFormat.Rtdsm, File.ReadAllBytes(Repository.Sample("rtdsm", "employMvMd.xlsx")), "employMvMd.xlsx").Observations);

    [SkippableFact]
    public void With_every_vintage_loaded_the_join_equals_a_replay_of_the_newest_vintage_released_by_each_date()
    {
        string? missing = Repository.SharedDataMissing();
        Skip.If(missing is not null, missing);
        // Each published vintage file, read on its own: its release date and, per series, the newest month it has a value for.
        string[] files = Repository.PublishedFredMdVintages();
        var vintages = files
            .Select(f => SourceReader.Read(SourceFormat.FredMd, File.ReadAllBytes(f), Path.GetFileName(f)))
            .OrderBy(v => v.VintageRelease!.Value)
            .ToArray();
        Assert.Equal(267, vintages.Length);

        // Decision dates: every vintage's release day and the day before it, so that each date has exactly one newest vintage.
        DecisionDate[] dates = [.. vintages.SelectMany(v => new[] { v.VintageRelease!.Value.Date.AddDays(-1), v.VintageRelease!.Value.Date })
            .Where(d => d >= vintages[0].VintageRelease!.Value.Date).Distinct().Order().Select(d => new DecisionDate(d))];
        FeatureTable join = PointInTimeJoin.AsOf(Archive.Value, dates);

        int compared = 0;
        var mismatches = new List<string>();
        var withdrawn = new SortedSet<string>(StringComparer.Ordinal);
        for (int row = 0; row < dates.Length; row++)
        {
            SourceData newest = vintages.Last(v => v.VintageRelease!.Value.IsKnownBy(dates[row]));
            foreach (IGrouping<string, Observation> series in newest.Observations.GroupBy(o => o.Series))
            {
                Observation edge = series.MaxBy(o => o.Period);
                int column = join.Values.IndexOf(series.Key);
                CellProvenance used = join.Provenance(row, column)!.Value;
                compared++;
                // The archive stores changes only: an unchanged value keeps the label of the vintage that first published it.
                Assert.True(used.AvailableAt.IsKnownBy(dates[row]) && string.CompareOrdinal(used.Vintage, newest.Vintage) <= 0, $"{dates[row]} {series.Key} used {used.Vintage}");
                if (join.Values[row, column] == edge.Value && used.Period == edge.Period)
                {
                    continue;
                }

                // The one documented departure: a vintage that drops months an earlier vintage published (UMCSENTx in early
                // 2015, when the Michigan index began to be published with a lag) does not unpublish them; the join keeps
                // the newest month ever published, from the vintage that published it.
                bool dropped = used.Period > edge.Period && !series.Any(o => o.Period == used.Period);
                if (dropped)
                {
                    withdrawn.Add(series.Key);
                }
                else
                {
                    mismatches.Add($"{dates[row]} {series.Key}: replay {edge.Period} = {edge.Value} ({newest.Vintage}), join {used.Period} = {join.Values[row, column]} ({used.Vintage})");
                }
            }
        }

        Assert.True(compared > 60_000, $"{compared} cells compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} cells differ from the replay, e.g. {string.Join("; ", mismatches.Take(5))}");
        Assert.Equal(["UMCSENTx"], withdrawn);
    }

    [Fact]
    public void The_payroll_benchmark_of_February_2025_reaches_the_year_over_year_change_on_the_last_day_of_its_vintage_month()
    {
        // EMPLOY for 2024-03: 158106 in EMPLOY24M6 .. 25M1, 157517 from EMPLOY25M2 (the benchmark, -589), 157466 from 26M2;
        // for 2025-03: 159398 in EMPLOY25M4, 158377 from 26M2 (rtdsm/PROVENANCE.md). The year-over-year change of 2025-03 is
        // first known at the end of April 2025, from EMPLOY25M4, which already has the benchmarked 2024-03.
        var features = new FeatureSet("payrolls", [new FeatureDefinition("EMPLOY.yoy", "EMPLOY", SeriesTransform.YearOverYearLog)]);
        DecisionDate[] dates = [new(new DateOnly(2025, 4, 29)), new(new DateOnly(2025, 4, 30))];

        FeatureTable realTime = PointInTimeJoin.Compute(Payrolls.Value, dates, features);
        FeatureTable revised = PointInTimeJoin.Compute(Payrolls.Value.WithVintagePolicy(VintagePolicy.LatestRevision, _ => PublicationLagRule.DaysAfterPeriodEnd(Frequency.Monthly, 30)), dates, features);

        Assert.Equal(new ReferencePeriod(new DateOnly(2025, 2, 1)), realTime.Provenance(0, 0)!.Value.Period); // EMPLOY25M3 still
        CellProvenance cell = realTime.Provenance(1, 0)!.Value;
        Assert.Equal(new ReferencePeriod(new DateOnly(2025, 3, 1)), cell.Period);
        Assert.Equal("EMPLOY25M4", cell.Vintage);
        Assert.False(cell.UsesPseudoRealTime);
        Assert.Equal(Math.Log(159398.0) - Math.Log(157517.0), realTime.Values[1, 0]!.Value, 12);

        // What a backtest on the latest vintage would have used on the same day: both months as revised in 2026.
        Assert.Equal(Math.Log(158377.0) - Math.Log(157466.0), revised.Values[1, 0]!.Value, 12);
    }

    [Fact]
    public void The_FRED_MD_payroll_benchmark_of_2020_is_used_from_the_release_of_the_2020_02_vintage_and_not_a_day_earlier()
    {
        // PAYEMS for 2019-03: 150796 in the vintages 2019-06 .. 2020-01, 150282 from 2020-02 (fred_md/vintages-PROVENANCE.md).
        // The 2020-02 vintage counts as known from 2020-03-07 (the 7th of the month after it).
        DecisionDate before = new(new DateOnly(2020, 3, 6)), after = new(new DateOnly(2020, 3, 7));
        double Level(DecisionDate t, int year, int month) => Archive.Value.OfSeries("PAYEMS")
            .Where(o => o.Period.Start == new DateOnly(year, month, 1) && o.AvailableAt.IsKnownBy(t))
            .MaxBy(o => o.AvailableAt).Value;
        Assert.Equal(150796, Level(before, 2019, 3));
        Assert.Equal(150282, Level(after, 2019, 3));

        // A transform reads every lag from the vintage known at t: on 2020-03-07 the twelve-month difference of 2020-01 uses
        // January 2019 as the benchmarked 2020-02 vintage has it; the day before, 2019-12 against 2018-12 from vintage 2020-01.
        var features = new FeatureSet("payrolls", [new FeatureDefinition("PAYEMS.d12", "PAYEMS", SeriesTransform.YearOverYearDifference)]);
        FeatureTable table = PointInTimeJoin.Compute(Archive.Value, [before, after], features);

        Assert.Equal(("2020-01", new DateOnly(2019, 12, 1)), (table.Provenance(0, 0)!.Value.Vintage, table.Provenance(0, 0)!.Value.Period.Start));
        Assert.Equal(Level(before, 2019, 12) - Level(before, 2018, 12), table.Values[0, 0]);
        Assert.Equal(("2020-02", new DateOnly(2020, 1, 1)), (table.Provenance(1, 0)!.Value.Vintage, table.Provenance(1, 0)!.Value.Period.Start));
        Assert.Equal(Level(after, 2020, 1) - Level(after, 2019, 1), table.Values[1, 0]);
        Assert.NotEqual(Level(before, 2019, 1), Level(after, 2019, 1)); // the benchmark moved January 2019 too
    }
}
