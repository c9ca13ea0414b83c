using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Tests.Features;

/// <summary>Each transform and window against values computed by hand.</summary>
public sealed class TransformTests
{
    // x: 100, 110, 121, 133.1, then +10% a month, for 30 months from 2000-01, all known by 2003.
    private static readonly ObservationSet Series = ObservationSet.Create(Enumerable.Range(0, 30).Select(m =>
        new Observation("X", new ReferencePeriod(new DateOnly(2000, 1, 1).AddMonths(m)), 100 * Math.Pow(1.1, m),
            new ReleaseDate(new DateOnly(2003, 1, 1)))));

    private static readonly DecisionDate End = new(new DateOnly(2003, 1, 31));

    private static double Compute(FeatureDefinition feature) =>
        PointInTimeJoin.Compute(Series, [End], new FeatureSet("t", [feature])).Values[0, 0] ?? double.NaN;

    private static double X(int month) => 100 * Math.Pow(1.1, month);

    [Theory]
    [InlineData(SeriesTransform.Level, 29)]
    [InlineData(SeriesTransform.Difference, 29)]
    [InlineData(SeriesTransform.SecondDifference, 29)]
    [InlineData(SeriesTransform.Log, 29)]
    [InlineData(SeriesTransform.LogDifference, 29)]
    [InlineData(SeriesTransform.SecondLogDifference, 29)]
    [InlineData(SeriesTransform.PercentChangeDifference, 29)]
    [InlineData(SeriesTransform.YearOverYear, 29)]
    [InlineData(SeriesTransform.YearOverYearLog, 29)]
    [InlineData(SeriesTransform.YearOverYearDifference, 29)]
    public void Transforms_match_their_definitions(SeriesTransform transform, int t)
    {
        double expected = transform switch
        {
            SeriesTransform.Level => X(t),
            SeriesTransform.Difference => X(t) - X(t - 1),
            SeriesTransform.SecondDifference => X(t) - (2 * X(t - 1)) + X(t - 2),
            SeriesTransform.Log => Math.Log(X(t)),
            SeriesTransform.LogDifference => Math.Log(X(t)) - Math.Log(X(t - 1)),
            SeriesTransform.SecondLogDifference => Math.Log(X(t)) - (2 * Math.Log(X(t - 1))) + Math.Log(X(t - 2)),
            SeriesTransform.PercentChangeDifference => ((X(t) / X(t - 1)) - 1) - ((X(t - 1) / X(t - 2)) - 1),
            SeriesTransform.YearOverYear => (X(t) / X(t - 12)) - 1,
            SeriesTransform.YearOverYearLog => Math.Log(X(t)) - Math.Log(X(t - 12)),
            _ => X(t) - X(t - 12),
        };

        Assert.Equal(expected, Compute(new FeatureDefinition("f", "X", transform)), 9);
    }

    [Fact]
    public void Windows_compute_mean_sum_sample_deviation_and_z_score_of_the_trailing_values()
    {
        double[] window = [.. Enumerable.Range(26, 4).Select(X)];
        double mean = window.Average();
        double deviation = Math.Sqrt(window.Sum(v => (v - mean) * (v - mean)) / 3);

        Assert.Equal(mean, Compute(new FeatureDefinition("m", "X") { Window = WindowStatistic.Mean, WindowLength = 4 }), 9);
        Assert.Equal(window.Sum(), Compute(new FeatureDefinition("s", "X") { Window = WindowStatistic.Sum, WindowLength = 4 }), 9);
        Assert.Equal(deviation, Compute(new FeatureDefinition("d", "X") { Window = WindowStatistic.StandardDeviation, WindowLength = 4 }), 9);
        Assert.Equal((X(29) - mean) / deviation, Compute(new FeatureDefinition("z", "X") { Window = WindowStatistic.ZScore, WindowLength = 4 }), 9);
    }

    [Fact]
    public void A_window_longer_than_the_history_is_missing_unless_min_periods_allows_it()
    {
        Assert.True(double.IsNaN(Compute(new FeatureDefinition("m", "X") { Window = WindowStatistic.Mean, WindowLength = 40 })));
        Assert.Equal(Enumerable.Range(0, 30).Select(X).Average(),
            Compute(new FeatureDefinition("m", "X") { Window = WindowStatistic.Mean, WindowLength = 40, MinPeriods = 30 }), 9);
    }

    [Fact]
    public void Gaps_and_non_positive_values_give_missing_values_not_wrong_ones()
    {
        var gappy = ObservationSet.Create(
        [
            new Observation("G", ReferencePeriod.Month(2000, 1), 5, new ReleaseDate(new DateOnly(2001, 1, 1))),
            new Observation("G", ReferencePeriod.Month(2000, 3), -1, new ReleaseDate(new DateOnly(2001, 1, 1))),
        ]);
        FeatureSet set = new("g",
        [
            new FeatureDefinition("diff", "G", SeriesTransform.Difference),
            new FeatureDefinition("log", "G", SeriesTransform.Log),
        ]);

        FeatureTable table = PointInTimeJoin.Compute(gappy, [End], set);

        Assert.Null(table.Values[0, 0]); // February is missing: no difference across the gap
        Assert.Null(table.Values[0, 1]); // log of a negative value
    }

    [Fact]
    public void Regimes_follow_the_signs_of_growth_and_inflation()
    {
        var set = ObservationSet.Create(
        [
            .. new[] { (1, 1.0, -1.0), (2, 1.0, 2.0), (3, -0.5, 0.0), (4, -2.0, -3.0) }.SelectMany(p => new[]
            {
                new Observation("G", ReferencePeriod.Month(2000, p.Item1), p.Item2, new ReleaseDate(new DateOnly(2000, p.Item1, 28))),
                new Observation("I", ReferencePeriod.Month(2000, p.Item1), p.Item3, new ReleaseDate(new DateOnly(2000, p.Item1, 28))),
            }),
        ]);
        var features = new FeatureSet("r", [new FeatureDefinition("g", "G"), new FeatureDefinition("i", "I")]) { Regime = new RegimeDefinition("g", "i") };
        DecisionDate[] dates = [.. Enumerable.Range(1, 4).Select(m => new DecisionDate(new DateOnly(2000, m, 28)))];

        TimeSeriesTable table = PointInTimeJoin.Compute(set, dates, features).Values;

        Assert.Equal([1.0, 0, 0, 0], [.. table.Column("regime.goldilocks").ToArray()]);
        Assert.Equal([0.0, 1, 0, 0], [.. table.Column("regime.reflation").ToArray()]);
        Assert.Equal([0.0, 0, 1, 0], [.. table.Column("regime.stagflation").ToArray()]);
        Assert.Equal([0.0, 0, 0, 1], [.. table.Column("regime.deflation").ToArray()]);
        Assert.Equal([1.0, 1, -1, -1], [.. table.Column("regime.growth").ToArray()]);
    }

    [Fact]
    public void Invalid_feature_sets_are_refused_naming_the_culprit()
    {
        Assert.Contains("'w'", Assert.Throws<ArgumentException>(() => new FeatureSet("s", [new FeatureDefinition("w", "X") { Window = WindowStatistic.Mean }]).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => new FeatureSet("s", [new FeatureDefinition("a", "X"), new FeatureDefinition("a", "X")]).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", Assert.Throws<ArgumentException>(() => new FeatureSet("s", [new FeatureDefinition("a", "X")]) { Regime = new RegimeDefinition("a", "nope") }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("daily", Assert.Throws<ArgumentException>(() => new FeatureDefinition("d", "X", SeriesTransform.Difference) { Frequency = Frequency.Daily }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("'Y'", Assert.Throws<ArgumentException>(() => PointInTimeJoin.Compute(Series, [End], new FeatureSet("s", [new FeatureDefinition("y", "Y")]))).Message, StringComparison.Ordinal);
    }
}
