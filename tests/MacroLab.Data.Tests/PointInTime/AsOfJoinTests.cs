using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Tests.PointInTime;

public sealed class AsOfJoinTests
{
    private static readonly ReferencePeriod January = ReferencePeriod.Month(2020, 1);
    private static readonly ReferencePeriod February = ReferencePeriod.Month(2020, 2);

    private static DecisionDate On(int year, int month, int day) => new(new DateOnly(year, month, day));

    private static ReleaseDate Released(int year, int month, int day) => new(new DateOnly(year, month, day));

    [Fact]
    public void A_value_is_usable_on_its_release_day_and_not_the_day_before()
    {
        var set = ObservationSet.Create([new Observation("CPI", January, 257.97, Released(2020, 2, 13))]);

        FeatureTable table = PointInTimeJoin.AsOf(set, [On(2020, 2, 12), On(2020, 2, 13)]);

        Assert.Null(table.Values[0, 0]);
        Assert.Equal(257.97, table.Values[1, 0]);
    }

    [Fact]
    public void The_latest_period_wins_and_each_period_is_valued_at_its_latest_revision_known_then()
    {
        var set = ObservationSet.Create(
        [
            new Observation("PAY", January, 100, Released(2020, 2, 7)),
            new Observation("PAY", February, 110, Released(2020, 3, 6)),
            new Observation("PAY", January, 101, Released(2020, 3, 6)), // revision of January released with February
            new Observation("PAY", February, 111, Released(2020, 4, 3)), // revision of February
            new Observation("PAY", January, 102, Released(2020, 4, 3)), // second revision of January: not the latest period
        ]);

        FeatureTable table = PointInTimeJoin.AsOf(set, [On(2020, 2, 29), On(2020, 3, 31), On(2020, 4, 30)]);

        Assert.Equal([100.0, 110.0, 111.0], [.. table.Values.Column(0).ToArray()]);
        Assert.Equal(February, table.Provenance(2, 0)!.Value.Period);
        Assert.Equal(Released(2020, 4, 3), table.Provenance(2, 0)!.Value.AvailableAt);
    }

    [Fact]
    public void A_revision_of_an_older_period_never_replaces_the_latest_period()
    {
        var set = ObservationSet.Create(
        [
            new Observation("X", February, 5, Released(2020, 3, 1)),
            new Observation("X", January, 9, Released(2020, 3, 20)),
        ]);

        FeatureTable table = PointInTimeJoin.AsOf(set, [On(2020, 3, 31)]);

        Assert.Equal(5, table.Values[0, 0]);
    }

    [Fact]
    public void Values_older_than_the_staleness_limit_are_missing_and_counted_as_stale()
    {
        var set = ObservationSet.Create([new Observation("X", January, 1, Released(2020, 2, 1))]);

        // Staleness is counted from the start of the period: 2020-01-01 to 2020-03-01 is 60 days.
        FeatureTable table = PointInTimeJoin.AsOf(set, [On(2020, 3, 1), On(2020, 3, 2)], maxStalenessDays: 60);

        Assert.Equal(1, table.Values[0, 0]);
        Assert.Null(table.Values[1, 0]);
        Assert.Equal(1, table.Coverage.StaleCells);
        Assert.Equal(60, table.Provenance(0, 0)!.Value.StalenessDays);
    }

    [Fact]
    public void Columns_are_the_series_in_ordinal_order_and_dates_must_increase()
    {
        var set = ObservationSet.Create(
        [
            new Observation("b", January, 1, Released(2020, 2, 1)),
            new Observation("B", January, 2, Released(2020, 2, 1)),
            new Observation("a", January, 3, Released(2020, 2, 1)),
        ]);

        Assert.Equal(["B", "a", "b"], PointInTimeJoin.AsOf(set, [On(2020, 3, 1)]).Values.Columns);
        Assert.Throws<ArgumentException>(() => PointInTimeJoin.AsOf(set, [On(2020, 3, 1), On(2020, 3, 1)]));
    }

    [Fact]
    public void Strict_policy_knows_nothing_before_a_vintage_is_released()
    {
        ObservationSet set = TwoVintages().WithVintagePolicy(VintagePolicy.Strict, _ => PublicationLagRule.DaysAfterPeriodEnd(Frequency.Monthly, 15));

        FeatureTable table = PointInTimeJoin.AsOf(set, [On(2019, 12, 31), On(2020, 6, 30), On(2021, 6, 30)]);

        Assert.Null(table.Values[0, 0]);
        Assert.Equal(15, table.Values[1, 0]);
        Assert.Equal(22, table.Values[2, 0]);
        Assert.Equal(0, table.Coverage.PseudoRealTimeCells);
    }

    [Fact]
    public void First_vintage_backfill_moves_only_the_earliest_vintage_back_and_marks_it_pseudo_real_time()
    {
        ObservationSet set = TwoVintages().WithVintagePolicy(VintagePolicy.FirstVintageBackfill, _ => PublicationLagRule.DaysAfterPeriodEnd(Frequency.Monthly, 15));

        FeatureTable table = PointInTimeJoin.AsOf(set, [On(2020, 1, 31), On(2020, 2, 29), On(2021, 3, 31), On(2021, 6, 30)]);

        // January's first-vintage value is known from 2020-01-31 + 15 days, February's from 2020-03-15.
        Assert.Null(table.Values[0, 0]);
        Assert.Equal(11, table.Values[1, 0]);
        Assert.True(table.Provenance(1, 0)!.Value.UsesPseudoRealTime);
        Assert.Equal(ReleaseTiming.Backfilled, table.Provenance(1, 0)!.Value.Timing);
        // The second vintage is never used before its release, 2021-06-15. May 2020 + 15 days is the first vintage's own
        // release, so that value was not moved back and is not pseudo-real-time.
        Assert.Equal(15, table.Values[2, 0]);
        Assert.Equal("2020-06", table.Provenance(2, 0)!.Value.Vintage);
        Assert.False(table.Provenance(2, 0)!.Value.UsesPseudoRealTime);
        Assert.Equal(22, table.Values[3, 0]);
        Assert.False(table.Provenance(3, 0)!.Value.UsesPseudoRealTime);
    }

    [Fact]
    public void Backfill_leaves_unvintaged_observations_and_later_vintages_alone()
    {
        ObservationSet original = ObservationSet.Create(
        [
            .. TwoVintages(),
            new Observation("Y", January, 3, Released(2020, 2, 20), Timing: ReleaseTiming.Estimated),
        ]);

        ObservationSet backfilled = original.WithVintagePolicy(VintagePolicy.FirstVintageBackfill, _ => PublicationLagRule.DaysAfterPeriodEnd(Frequency.Monthly, 15));

        // January to April get a backfilled copy; May + 15 days is the vintage's own release, so May has none.
        Assert.Equal(original.Count + 4, backfilled.Count);
        Assert.Contains(new Observation("Y", January, 3, Released(2020, 2, 20), Timing: ReleaseTiming.Estimated), backfilled);
        Assert.All(backfilled.Where(o => o.Vintage == "2021-06"), o => Assert.Equal(Released(2021, 6, 15), o.AvailableAt));
        Assert.Equal(4, backfilled.Count(o => o.Vintage == "2020-06" && o.Timing == ReleaseTiming.Backfilled && o.Period.Start.Month < 5));
        // The first vintage's values stay at its release too, as published: from then on they are real-time.
        Assert.Equal(5, backfilled.Count(o => o.Vintage == "2020-06" && o.Timing == ReleaseTiming.Published && o.AvailableAt == Released(2020, 6, 15)));
    }

    /// <summary>X, monthly: vintage 2020-06 (released 2020-06-15) holds Jan-May 2020; vintage 2021-06 revises them and adds months.</summary>
    private static ObservationSet TwoVintages() => ObservationSet.Create(
    [
        .. Enumerable.Range(1, 5).Select(m => new Observation("X", ReferencePeriod.Month(2020, m), 10 + m, Released(2020, 6, 15), "2020-06")),
        .. Enumerable.Range(1, 5).Select(m => new Observation("X", ReferencePeriod.Month(2020, m), 20 + m, Released(2021, 6, 15), "2021-06")),
        new Observation("X", ReferencePeriod.Month(2021, 5), 22, Released(2021, 6, 15), "2021-06"),
    ]);
}
