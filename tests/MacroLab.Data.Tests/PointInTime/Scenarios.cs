using FsCheck;
using FsCheck.Fluent;

namespace MacroLab.Data.Tests.PointInTime;

/// <summary>Random observation sets and calendars for the no-look-ahead properties.</summary>
public sealed record Scenario(Observation[] Observations, DecisionDate[] Dates, int Cut)
{
    public DecisionDate CutDate => Dates[Cut];

    public ObservationSet Set => ObservationSet.Create(Observations);

    public override string ToString() =>
        $"{Observations.Length} observations, {Dates.Length} dates, cut at {CutDate}: " +
        string.Join("; ", Observations.Take(12).Select(o => $"{o.Series} {o.Period} {o.Value} @{o.AvailableAt} {o.Vintage}"));
}

/// <summary>Vintages of one series: each published on its own date with its own values for the periods it covers.</summary>
public sealed record VintageScenario(Observation[] Observations, DecisionDate[] Dates);

public static class Scenarios
{
    public static readonly DateOnly Origin = new(2000, 1, 1);

    public static ReferencePeriod Month(int index) => new(Origin.AddMonths(index));

    /// <summary>Monthly observations of three series over two years, with random lags, revisions and vintage labels.</summary>
    public static Gen<Observation> Observation { get; } =
        from series in Gen.Elements("A", "B", "C")
        from month in Gen.Choose(0, 23)
        from lag in Gen.Choose(0, 150)
        from value in Gen.Choose(1, 2000)
        from vintage in Gen.Elements<string?>(null, null, "v1", "v2")
        select new Observation(series, Month(month), value / 10.0,
            new ReleaseDate(Month(month).EndOf(Frequency.Monthly).AddDays(lag)), vintage);

    public static Gen<DecisionDate[]> Dates { get; } =
        from days in Gen.ListOf(Gen.Choose(0, 1000), 12)
        select days.Distinct().Order().Select(d => new DecisionDate(Origin.AddDays(d))).ToArray();

    public static Arbitrary<Scenario> Scenario() =>
        (from observations in Gen.NonEmptyListOf(Observation)
         from dates in Dates
         from cut in Gen.Choose(0, dates.Length - 1)
         select new Scenario(Distinct(observations), dates, cut)).ToArbitrary();

    public static Arbitrary<VintageScenario> Vintages() =>
        (from count in Gen.Choose(1, 5)
         from gaps in Gen.ListOf(Gen.Choose(10, 200), count)
         from coverage in Gen.ListOf(Gen.Choose(1, 24), count)
         from values in Gen.ListOf(Gen.Choose(1, 2000), count * 24)
         from dates in Dates
         select Build(count, [.. gaps], [.. coverage], [.. values], dates)).ToArbitrary();

    /// <summary>Reference implementation of the rule, written for clarity, not speed.</summary>
    public static (double Value, Observation Used)? Reference(IEnumerable<Observation> observations, string series, DecisionDate t)
    {
        Observation[] known = [.. observations.Where(o => o.Series == series && o.AvailableAt.IsKnownBy(t))];
        if (known.Length == 0)
        {
            return null;
        }

        ReferencePeriod latest = known.Max(o => o.Period);
        Observation used = known.Where(o => o.Period == latest).MaxBy(o => o.AvailableAt);
        return (used.Value, used);
    }

    private static Observation[] Distinct(IEnumerable<Observation> observations) =>
        [.. observations.DistinctBy(o => (o.Series, o.Period, o.AvailableAt))];

    private static VintageScenario Build(int count, int[] gaps, int[] coverage, int[] values, DecisionDate[] dates)
    {
        var observations = new List<Observation>();
        DateOnly release = Origin.AddMonths(2);
        for (int v = 0; v < count; v++)
        {
            release = release.AddDays(gaps[v]);
            int covered = Math.Min(coverage[v], (((release.Year - Origin.Year) * 12) + release.Month - Origin.Month) - 1);
            for (int m = 0; m < covered; m++)
            {
                observations.Add(new Observation("X", Month(m), values[(v * 24) + m] / 10.0, new ReleaseDate(release), $"v{v}"));
            }
        }

        return new VintageScenario([.. observations], dates);
    }
}
