using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Tests.PointInTime;

/// <summary>
/// Random vintages of a concept measured by several sources (each with its own release dates, revisions and base), joined
/// with precedence and splicing: nothing reaches a decision date before the vintage that published it, and a vintage
/// released later never changes a decision at an earlier date.
/// </summary>
public sealed class ConceptVintageProperties
{
    private const string Seed = "(4102938475,5647382911)";

    /// <summary>Features that read the concept's history through every path: level, changes, year over year, a window.</summary>
    private static readonly FeatureSet Features = new("k",
    [
        new FeatureDefinition("K.level", "K"),
        new FeatureDefinition("K.dlog", "K", SeriesTransform.LogDifference),
        new FeatureDefinition("K.yoy", "K", SeriesTransform.YearOverYear),
        new FeatureDefinition("K.z6", "K", SeriesTransform.Difference) { Window = WindowStatistic.ZScore, WindowLength = 6, MinPeriods = 4 },
    ])
    { MaxStalenessDays = 150 };

    [Property(MaxTest = 200, Replay = Seed, Arbitrary = [typeof(ConceptScenarios)])]
    public void A_value_never_reaches_a_decision_before_the_vintage_that_published_it(ConceptScenario drawn)
    {
        ConceptScenario scenario = drawn with { Backfill = false };
        FeatureTable full = Compute(scenario.Observations, scenario);

        for (int row = 0; row < scenario.Dates.Length; row++)
        {
            DecisionDate t = scenario.Dates[row];
            // Everything the join used at t was released by t, and knowing only what was released by t gives the same row.
            for (int column = 0; column < full.Values.Columns.Count; column++)
            {
                CellProvenance? used = full.Provenance(row, column);
                Assert.True(used is null || used.Value.AvailableAt.IsKnownBy(t), $"{full.Values.Columns[column]} at {t} used {used?.Series} released {used?.AvailableAt}");
            }

            FeatureTable known = Compute([.. scenario.Observations.Where(o => o.AvailableAt.IsKnownBy(t))], scenario);
            AssertSameRow(full, known, row, t, "only what was released by then");
        }

        // The one deliberate exception, pseudo-real-time backfill of each member's first vintage, flags every cell it changes.
        FeatureTable backfilled = Compute(scenario.Observations, scenario with { Backfill = true });
        for (int row = 0; row < scenario.Dates.Length; row++)
        {
            for (int column = 0; column < full.Values.Columns.Count; column++)
            {
                double strict = full.Values.Column(column)[row], pseudo = backfilled.Values.Column(column)[row];
                if (BitConverter.DoubleToInt64Bits(strict) != BitConverter.DoubleToInt64Bits(pseudo))
                {
                    Assert.True(backfilled.Provenance(row, column)?.UsesPseudoRealTime == true,
                        $"{full.Values.Columns[column]} at {scenario.Dates[row]} is {pseudo} with backfill and {strict} without, but is not flagged pseudo-real-time");
                }
            }
        }
    }

    [Property(MaxTest = 200, Replay = Seed, Arbitrary = [typeof(ConceptScenarios)])]
    public Property A_later_vintage_never_changes_a_decision_at_an_earlier_date(ConceptScenario scenario) =>
        Prop.ForAll(ConceptScenarios.LaterVintage(scenario).ToArbitrary(), later =>
        {
            FeatureTable before = Compute(scenario.Observations, scenario);
            FeatureTable after = Compute([.. scenario.Observations, .. later.Observations], scenario);
            // A decision is a pure function of its feature row (the model's missing-input policy, then the model): an unchanged
            // row is an unchanged decision.
            for (int row = 0; row < scenario.Dates.Length && scenario.Dates[row].Date < later.Release.Date; row++)
            {
                AssertSameRow(before, after, row, scenario.Dates[row], $"a vintage of {later.Member} released {later.Release}");
            }
        });

    private static FeatureTable Compute(Observation[] observations, ConceptScenario scenario)
    {
        // An old, unvintaged value of each member (each in its own month, so that no splice is computed from them) keeps every
        // member present when a truncation leaves none of its vintages.
        Observation[] anchors = [.. scenario.Members.Select((m, i) => new Observation(m, Scenarios.Month(-60 + i), 100, new ReleaseDate(new DateOnly(1990, 1, 1))))];
        ObservationSet set = ObservationSet.Create([.. anchors, .. observations]);
        if (scenario.Backfill)
        {
            set = set.WithVintagePolicy(VintagePolicy.FirstVintageBackfill, _ => PublicationLagRule.DaysAfterPeriodEnd(Frequency.Monthly, 20));
        }

        return PointInTimeJoin.Compute(set, scenario.Dates, Features, scenario.Concepts);
    }

    private static void AssertSameRow(FeatureTable expected, FeatureTable actual, int row, DecisionDate t, string change)
    {
        for (int column = 0; column < expected.Values.Columns.Count; column++)
        {
            double a = expected.Values.Column(column)[row], b = actual.Values.Column(column)[row];
            Assert.True(BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b),
                $"{expected.Values.Columns[column]} at {t} is {a} with every vintage and {b} with {change}");
        }
    }
}

/// <summary>A concept K of two or three members, each with its own vintages; decision dates; whether the first vintages are backfilled.</summary>
public sealed record ConceptScenario(string[] Members, SeriesConcepts Concepts, Observation[] Observations, DecisionDate[] Dates, bool Backfill)
{
    public override string ToString() =>
        $"{string.Join(", ", Concepts.Concepts[0].Members.Select(m => $"{m.Series} ({m.Splice})"))}; backfill {Backfill}; {Observations.Length} observations in " +
        $"{Observations.Select(o => (o.Series, o.Vintage)).Distinct().Count()} vintages; dates {string.Join(" ", Dates.Select(d => d.ToString()))}";
}

/// <summary>A vintage of one member released after some decision dates.</summary>
public sealed record LaterVintage(string Member, ReleaseDate Release, Observation[] Observations)
{
    public override string ToString() => $"{Member} @{Release}: {string.Join(" ", Observations.Select(o => $"{o.Period}={o.Value}"))}";
}

public static class ConceptScenarios
{
    public static Arbitrary<ConceptScenario> Scenario() =>
        (from members in Gen.Choose(2, 3)
         from splices in Gen.ListOf(Gen.Elements(SpliceRule.Ratio, SpliceRule.Difference, SpliceRule.None), members)
         from counts in Gen.ListOf(Gen.Choose(1, 4), members)
         from vintages in Gen.ListOf(Vintage, 12)
         from dates in Scenarios.Dates
         from backfill in Gen.Elements(false, true)
         select Build([.. splices], Slice([.. counts], [.. vintages]), dates, backfill)).ToArbitrary();

    private static (int Release, int Covered, int Level, int[] Noise)[][] Slice(int[] counts, (int Release, int Covered, int Level, int[] Noise)[] vintages)
    {
        var slices = new (int, int, int, int[])[counts.Length][];
        for (int m = 0, start = 0; m < counts.Length; start += counts[m], m++)
        {
            slices[m] = vintages[start..(start + counts[m])];
        }

        return slices;
    }

    /// <summary>A vintage: its release (days after 2000-03-01), the months it covers (from month 0), its level, and its noise.</summary>
    private static Gen<(int Release, int Covered, int Level, int[] Noise)> Vintage { get; } =
        from release in Gen.Choose(0, 900)
        from covered in Gen.Choose(1, 30)
        from level in Gen.Choose(50, 150)
        from noise in Gen.ListOf(Gen.Choose(-20, 20), 30)
        select (release, covered, level, noise.ToArray());

    /// <summary>A new vintage of a random member, released after a random decision date and after the member's own vintages.</summary>
    public static Gen<LaterVintage> LaterVintage(ConceptScenario scenario) =>
        from member in Gen.Elements(scenario.Members)
        from cut in Gen.Choose(0, scenario.Dates.Length - 1)
        from gap in Gen.Choose(1, 120)
        from vintage in Vintage
        select Later(scenario, member, cut, gap, vintage);

    private static LaterVintage Later(ConceptScenario scenario, string member, int cut, int gap, (int Release, int Covered, int Level, int[] Noise) vintage)
    {
        DateOnly last = scenario.Observations.Where(o => o.Series == member).Select(o => o.AvailableAt.Date).DefaultIfEmpty(scenario.Dates[cut].Date).Max();
        DateOnly release = (scenario.Dates[cut].Date > last ? scenario.Dates[cut].Date : last).AddDays(gap);
        return new LaterVintage(member, new ReleaseDate(release), Observations(member, release, vintage.Covered, vintage.Level, vintage.Noise, "late"));
    }

    private static ConceptScenario Build(SpliceRule[] splices, (int Release, int Covered, int Level, int[] Noise)[][] vintages, DecisionDate[] dates, bool backfill)
    {
        string[] members = [.. Enumerable.Range(0, splices.Length).Select(m => $"M{m}")];
        var concepts = SeriesConcepts.Create([new SeriesConcept("K", [.. members.Select((m, i) => new ConceptMember(m, splices[i]))])]);
        var observations = new List<Observation>();
        for (int m = 0; m < members.Length; m++)
        {
            foreach ((int release, int covered, int level, int[] noise) in vintages[m].DistinctBy(v => v.Release))
            {
                observations.AddRange(Observations(members[m], Scenarios.Origin.AddMonths(2).AddDays(release), covered, level, noise, $"v{release}"));
            }
        }

        return new ConceptScenario(members, concepts, [.. observations], dates, backfill);
    }

    /// <summary>A vintage of <paramref name="member"/> released on <paramref name="release"/>: the months before its release month it covers, at a level of its own.</summary>
    private static Observation[] Observations(string member, DateOnly release, int covered, int level, int[] noise, string vintage)
    {
        int before = ((release.Year - Scenarios.Origin.Year) * 12) + release.Month - Scenarios.Origin.Month;
        return [.. Enumerable.Range(0, Math.Min(covered, before))
            .Select(month => new Observation(member, Scenarios.Month(month), level + month + (noise[month % noise.Length] / 10.0), new ReleaseDate(release), vintage))];
    }
}
