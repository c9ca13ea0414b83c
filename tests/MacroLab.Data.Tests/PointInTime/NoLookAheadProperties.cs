using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Tests.PointInTime;

/// <summary>The product's core promise, as properties: nothing published after a decision date reaches it.</summary>
public sealed class NoLookAheadProperties
{
    private const string Seed = "(7391203847,1020304051)";

    /// <summary>A feature set that reads history: lags, year-over-year, windows and z-scores.</summary>
    private static readonly FeatureSet Transforms = new("t",
    [
        new FeatureDefinition("A.level", "A"),
        new FeatureDefinition("A.dlog", "A", SeriesTransform.LogDifference),
        new FeatureDefinition("A.tcode7", "A", SeriesTransform.PercentChangeDifference),
        new FeatureDefinition("B.yoy", "B", SeriesTransform.YearOverYear),
        new FeatureDefinition("B.z6", "B", SeriesTransform.Difference) { Window = WindowStatistic.ZScore, WindowLength = 6, MinPeriods = 3 },
        new FeatureDefinition("C.sum3", "C") { Window = WindowStatistic.Sum, WindowLength = 3 },
        new FeatureDefinition("C.sd4", "C", SeriesTransform.SecondDifference) { Window = WindowStatistic.StandardDeviation, WindowLength = 4 },
    ])
    { MaxStalenessDays = 400 };

    [Property(MaxTest = 300, Replay = Seed, Arbitrary = [typeof(Scenarios)])]
    public void The_as_of_join_applies_the_rule_and_uses_only_values_released_by_each_date(Scenario scenario)
    {
        ObservationSet set = scenario.Set;
        FeatureTable table = PointInTimeJoin.AsOf(set, scenario.Dates);

        for (int row = 0; row < scenario.Dates.Length; row++)
        {
            DecisionDate t = scenario.Dates[row];
            for (int column = 0; column < table.Values.Columns.Count; column++)
            {
                string series = table.Values.Columns[column];
                var expected = Scenarios.Reference(scenario.Observations, series, t);
                CellProvenance? used = table.Provenance(row, column);
                Assert.Equal(expected?.Value, table.Values[row, column]);
                Assert.Equal(expected?.Used.AvailableAt, used?.AvailableAt);
                Assert.Equal(expected?.Used.Period, used?.Period);
                Assert.True(used is null || used.Value.AvailableAt.IsKnownBy(t), $"{series} at {t} used a value released {used?.AvailableAt}");
            }
        }
    }

    [Property(MaxTest = 300, Replay = Seed, Arbitrary = [typeof(Scenarios)])]
    public Property Changing_or_adding_anything_released_after_t_leaves_every_feature_at_t_unchanged(Scenario scenario) =>
        Prop.ForAll(Gen.ListOf(Scenarios.Observation).ToArbitrary(), Gen.Choose(-500, 500).ToArbitrary(), (extra, shift) =>
        {
            DecisionDate t = scenario.CutDate;
            // Later releases get new values; new observations (new periods, or revisions of old ones) arrive after t.
            Observation[] perturbed =
            [
                .. scenario.Observations.Select(o => o.AvailableAt.IsKnownBy(t) ? o : o with { Value = o.Value + (shift / 10.0) + 0.05 }),
                .. extra.Select(o => o with { AvailableAt = new ReleaseDate(t.Date.AddDays(1 + (Math.Abs(o.Value.GetHashCode()) % 90))) }),
            ];
            perturbed = [.. perturbed.DistinctBy(o => (o.Series, o.Period, o.AvailableAt))];

            AssertSameRow(Compute(scenario.Observations, scenario.Dates), Compute(perturbed, scenario.Dates), scenario.Cut, t);
            AssertSameRow(AsOf(scenario.Observations, scenario.Dates), AsOf(perturbed, scenario.Dates), scenario.Cut, t);
        });

    [Property(MaxTest = 300, Replay = Seed, Arbitrary = [typeof(Scenarios)])]
    public void With_vintages_the_value_used_comes_from_the_newest_vintage_published_by_t(VintageScenario scenario)
    {
        FeatureTable table = PointInTimeJoin.AsOf(ObservationSet.Create(scenario.Observations), scenario.Dates);

        for (int row = 0; row < scenario.Dates.Length; row++)
        {
            DecisionDate t = scenario.Dates[row];
            Observation[] published = [.. scenario.Observations.Where(o => o.AvailableAt.IsKnownBy(t))];
            if (published.Length == 0)
            {
                Assert.Null(table.Values[row, 0]);
                continue;
            }

            ReferencePeriod latest = published.Max(o => o.Period);
            Observation newest = published.Where(o => o.Period == latest).MaxBy(o => o.AvailableAt);
            Assert.Equal(newest.Value, table.Values[row, 0]);
            Assert.Equal(newest.Vintage, table.Provenance(row, 0)?.Vintage);
        }
    }

    [Property(MaxTest = 100, Replay = Seed, Arbitrary = [typeof(Scenarios)])]
    public void The_same_inputs_give_bit_identical_features(Scenario scenario)
    {
        FeatureTable first = Compute(scenario.Observations, scenario.Dates);
        FeatureTable second = Compute([.. scenario.Observations.Reverse()], scenario.Dates);

        for (int column = 0; column < first.Values.Columns.Count; column++)
        {
            Assert.Equal(
                first.Values.Column(column).ToArray().Select(BitConverter.DoubleToInt64Bits),
                second.Values.Column(column).ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }

    private static FeatureTable Compute(Observation[] observations, DecisionDate[] dates)
    {
        // Every series of the transform set must exist; a single early value of each makes sure they do.
        Observation[] anchors = [.. "ABC".Select(s => new Observation(s.ToString(), Scenarios.Month(0), 1, new ReleaseDate(new DateOnly(1990, 1, 1))))];
        return PointInTimeJoin.Compute(ObservationSet.Create([.. anchors, .. observations.Where(o => o.AvailableAt.Date.Year > 1990)]), dates, Transforms);
    }

    private static FeatureTable AsOf(Observation[] observations, DecisionDate[] dates)
    {
        Observation[] anchors = [.. "ABC".Select(s => new Observation(s.ToString(), Scenarios.Month(0), 1, new ReleaseDate(new DateOnly(1990, 1, 1))))];
        return PointInTimeJoin.AsOf(ObservationSet.Create([.. anchors, .. observations.Where(o => o.AvailableAt.Date.Year > 1990)]), dates, maxStalenessDays: 200);
    }

    private static void AssertSameRow(FeatureTable expected, FeatureTable actual, int row, DecisionDate t)
    {
        Assert.Equal(expected.Values.Columns, actual.Values.Columns);
        for (int column = 0; column < expected.Values.Columns.Count; column++)
        {
            double before = expected.Values.Column(column)[row], after = actual.Values.Column(column)[row];
            Assert.True(BitConverter.DoubleToInt64Bits(before) == BitConverter.DoubleToInt64Bits(after),
                $"{expected.Values.Columns[column]} at {t} changed from {before} to {after} when only data released after {t} changed");
        }
    }
}
