using System.Text;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Tests.PointInTime;

/// <summary>Several sources of one quantity: precedence, splicing through growth rates, successions, provenance, and their declaration file.</summary>
public sealed class ConceptTests
{
    private static readonly DateOnly Start = new(2000, 1, 1);

    private static ReferencePeriod Month(int i) => new(Start.AddMonths(i));

    private static ReleaseDate Day(int month, int day) => new(Start.AddMonths(month).AddDays(day - 1));

    /// <summary>Monthly values of one series from one vintage (or none), released on one day.</summary>
    private static IEnumerable<Observation> Vintage(string series, int from, int to, Func<int, double> value, ReleaseDate release, string? vintage, ReleaseTiming timing = ReleaseTiming.Published) =>
        Enumerable.Range(from, to - from + 1).Select(m => new Observation(series, Month(m), value(m), release, vintage, timing));

    private static FeatureTable Join(IEnumerable<Observation> observations, SeriesConcepts concepts, DecisionDate[] dates, params FeatureDefinition[] features) =>
        PointInTimeJoin.Compute(ObservationSet.Create(observations), dates, new FeatureSet("t", features) { MaxStalenessDays = 100 }, concepts);

    private static SeriesConcepts Cpi(SpliceRule splice = SpliceRule.Ratio) =>
        SeriesConcepts.Create([new SeriesConcept("CPI", [new ConceptMember("PCPI", SpliceRule.Ratio), new ConceptMember("CPIAUCSL", splice)])]);

    [Fact]
    public void A_real_vintage_wins_over_a_pseudo_real_time_value_of_the_same_month_whatever_the_order()
    {
        // Both sources have January 2001 by 2001-02-28: FRED-MD's from a pseudo-real-time backfill, RTDSM's from a vintage.
        Observation[] observations =
        [
            .. Vintage("CPIAUCSL", 0, 12, m => 200 + m, Day(13, 1), "2001-12", ReleaseTiming.Backfilled),
            .. Vintage("PCPI", 0, 12, m => 100 + m, Day(13, 28), "PCPI01M2"),
        ];
        DecisionDate[] dates = [new(Day(13, 27).Date), new(Day(13, 28).Date)];
        foreach (SeriesConcepts concepts in (SeriesConcepts[])[Cpi(), SeriesConcepts.Create([new SeriesConcept("CPI", [new ConceptMember("CPIAUCSL", SpliceRule.Ratio), new ConceptMember("PCPI", SpliceRule.Ratio)])])])
        {
            FeatureTable table = Join(observations, concepts, dates, new FeatureDefinition("CPI.level", "CPI"));

            Assert.Equal(("CPIAUCSL", 212.0, true), (table.Provenance(0, 0)!.Value.Series, table.Values[0, 0]!.Value, table.Provenance(0, 0)!.Value.UsesPseudoRealTime));
            Assert.Equal(("PCPI", 112.0, "PCPI01M2", false), (table.Provenance(1, 0)!.Value.Series, table.Values[1, 0]!.Value, table.Provenance(1, 0)!.Value.Vintage, table.Provenance(1, 0)!.Value.UsesPseudoRealTime));
        }
    }

    [Fact]
    public void Among_real_values_the_newer_month_wins_then_the_member_listed_first_and_a_stale_member_gives_way()
    {
        Observation[] observations =
        [
            .. Vintage("PCPI", 0, 10, m => 100 + m, Day(11, 20), "a"),
            .. Vintage("CPIAUCSL", 0, 11, m => 300 + m, Day(12, 10), "b"),
            .. Vintage("PCPI", 11, 11, m => 100 + m, Day(12, 15), "c"),
        ];
        DecisionDate[] dates = [new(Day(11, 25).Date), new(Day(12, 12).Date), new(Day(12, 20).Date), new(Day(16, 1).Date)];

        FeatureTable table = Join(observations, Cpi(), dates, new FeatureDefinition("CPI.level", "CPI"));

        Assert.Equal("PCPI", table.Provenance(0, 0)!.Value.Series);      // the only one
        Assert.Equal("CPIAUCSL", table.Provenance(1, 0)!.Value.Series);  // December 2000 is newer than November
        Assert.Equal(300 + 11, table.Values[1, 0]);
        Assert.Equal("PCPI", table.Provenance(2, 0)!.Value.Series);      // both have December: the one listed first
        Assert.Null(table.Values[3, 0]);                                 // both stale (more than 100 days)
    }

    [Fact]
    public void A_ratio_splice_keeps_the_growth_rates_of_a_source_on_another_base()
    {
        // RTDSM starts in month 24 on its base; FRED-MD has the whole history on a base twice as high. Before month 24 the
        // concept is FRED-MD scaled to RTDSM's base at their first common month, so every growth rate is FRED-MD's.
        Observation[] observations =
        [
            .. Vintage("CPIAUCSL", 0, 30, m => 2 * (100 * Math.Pow(1.01, m)) + (m == 10 ? 1 : 0), Day(31, 10), "v"),
            .. Vintage("PCPI", 24, 30, m => 100 * Math.Pow(1.01, m), Day(31, 20), "w"),
        ];
        DecisionDate[] dates = [new(Day(31, 25).Date)];

        FeatureTable table = Join(observations, Cpi(), dates,
            new FeatureDefinition("CPI.yoy", "CPI", SeriesTransform.YearOverYear),
            new FeatureDefinition("CPI.sum", "CPI", SeriesTransform.LogDifference) { Window = WindowStatistic.Sum, WindowLength = 30 });

        Assert.Equal("PCPI", table.Provenance(0, 0)!.Value.Series);
        Assert.Equal(Math.Pow(1.01, 12) - 1, table.Values[0, 0]!.Value, 12);
        // The sum of 30 monthly log changes spans the splice at month 24 and the bump at month 10 (which cancels out).
        Assert.Equal(30 * Math.Log(1.01), table.Values[0, 1]!.Value, 10);
    }

    [Fact]
    public void A_difference_splice_keeps_changes_of_a_rate_and_none_takes_values_as_they_are()
    {
        Observation[] observations =
        [
            .. Vintage("UNRATE", 0, 20, m => 5 + (0.1 * m), Day(21, 7), "v"),
            .. Vintage("RUC", 12, 20, m => 4.5 + (0.1 * m), Day(21, 20), "w"),
        ];
        DecisionDate[] dates = [new(Day(21, 25).Date)];
        FeatureDefinition change = new("U.d12", "U", SeriesTransform.YearOverYearDifference);

        FeatureTable difference = Join(observations, SeriesConcepts.Create([new SeriesConcept("U", [new ConceptMember("RUC", SpliceRule.Difference), new ConceptMember("UNRATE", SpliceRule.Difference)])]), dates, change);
        FeatureTable none = Join(observations, SeriesConcepts.Create([new SeriesConcept("U", [new ConceptMember("RUC", SpliceRule.None), new ConceptMember("UNRATE", SpliceRule.None)])]), dates, change);

        Assert.Equal(1.2, difference.Values[0, 0]!.Value, 12); // 12 months of +0.1, across the splice at month 12
        Assert.Equal(1.2 - 0.5, none.Values[0, 0]!.Value, 12);  // raw levels of different sources: the 0.5 gap leaks in
    }

    [Fact]
    public void A_succession_keeps_the_feature_alive_when_the_old_series_stops_and_provenance_names_the_source()
    {
        // VXOCLSx stops at month 12; VIXCLSx runs from month 6 on a slightly different level.
        Observation[] observations =
        [
            .. Vintage("VXOCLSx", 0, 12, m => 20 + m, Day(13, 7), "v1"),
            .. Vintage("VIXCLSx", 6, 24, m => 19 + m, Day(25, 7), "v2"),
        ];
        var concepts = SeriesConcepts.Create([new SeriesConcept("VIXCLSx", [new ConceptMember("VIXCLSx", SpliceRule.Ratio), new ConceptMember("VXOCLSx", SpliceRule.Ratio)])]);
        DecisionDate[] dates = [new(Day(13, 10).Date), new(Day(25, 10).Date)];

        FeatureTable table = Join(observations, concepts, dates, new FeatureDefinition("VIX.level", "VIXCLSx"));

        Assert.Equal(("VXOCLSx", "v1", 32.0), (table.Provenance(0, 0)!.Value.Series, table.Provenance(0, 0)!.Value.Vintage, table.Values[0, 0]!.Value));
        Assert.Equal(("VIXCLSx", "v2", 43.0), (table.Provenance(1, 0)!.Value.Series, table.Provenance(1, 0)!.Value.Vintage, table.Values[1, 0]!.Value));
    }

    [Fact]
    public void The_declarations_file_is_read_with_its_notes_and_resolves_members_to_their_concept()
    {
        string csv = """
            concept,member,splice,note
            CPIAUCSL,PCPI,ratio,RTDSM first
            CPIAUCSL,CPIAUCSL,ratio,then FRED-MD

            VIXCLSx,VIXCLSx,ratio,
            VIXCLSx,VXOCLSx,ratio,VXO until 2021
            """;

        SeriesConcepts concepts = SeriesConcepts.Read(Encoding.UTF8.GetBytes(csv), "us_macro.csv");

        Assert.Equal(["CPIAUCSL", "VIXCLSx"], concepts.Concepts.Select(c => c.Name));
        Assert.Equal("RTDSM first then FRED-MD", concepts.Concepts[0].Note);
        Assert.Equal("VIXCLSx", concepts.ConceptOf("VXOCLSx"));
        Assert.Equal(["PCPI", "CPIAUCSL"], concepts.Resolve("CPIAUCSL").Members.Select(m => m.Series));
        Assert.Equal(["INDPRO"], concepts.Resolve("INDPRO").Members.Select(m => m.Series)); // not declared: a concept of its own
    }

    public static TheoryData<string, int, string?, string> BadDeclarations => new()
    {
        { "", 1, null, "the file is empty" },
        { "concept,member,rule,note\n", 1, null, "expected the header" },
        { "concept,member,splice,note\nCPI,PCPI,linear,\n", 2, "splice", "expected ratio, difference or none" },
        { "concept,member,splice,note\nCPI,,ratio,\n", 2, "member", "empty member" },
        { "concept,member,splice,note\n,PCPI,ratio,\n", 2, "concept", "empty concept" },
        { "concept,member,splice,note\nCPI,PCPI,ratio,\nCPI,PCPI,ratio,\n", 3, "member", "already a member of CPI" },
        { "concept,member,splice,note\nCPI,PCPI,ratio,\nCORE,PCPI,ratio,\n", 3, "member", "another concept (line 2)" },
        { "concept,member,splice,note\nCPI,PCPI,ratio\n", 2, null, "fields" },
    };

    [Theory]
    [MemberData(nameof(BadDeclarations))]
    public void A_bad_declarations_file_is_refused_naming_the_line_and_column(string csv, int line, string? column, string problem)
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => SeriesConcepts.Read(Encoding.UTF8.GetBytes(csv), "concepts.csv"));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("concepts.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_declarations_name_each_succession_and_every_headline_source()
    {
        SeriesConcepts concepts = SeriesConcepts.Read(File.ReadAllBytes(Repository.Sample("concepts", "us_macro.csv")), "us_macro.csv");

        Assert.Equal(["PCPI", "CPIAUCSL"], concepts.Resolve("CPIAUCSL").Members.Select(m => m.Series));
        Assert.Equal("VIXCLSx", concepts.ConceptOf("VXOCLSx"));
        Assert.Equal("TWEXAFEGSMTHx", concepts.ConceptOf("TWEXMMTH"));
        Assert.Equal("BOGMBASE", concepts.ConceptOf("AMBSL"));
        Assert.Equal(SpliceRule.Difference, concepts.Resolve("UNRATE").Members.Single(m => m.Series == "RUC").Splice);
        Assert.Equal("GDPC1", concepts.ConceptOf("ROUTPUT"));
    }

    [Fact]
    public void CPI_vintages_are_dated_by_the_BLS_release_of_their_newest_month_never_later_than_their_own_date()
    {
        var calendar = new ReleaseCalendar("cpi", [new(Month(11), Day(12, 13)), new(Month(12), Day(13, 14))]);
        Observation[] observations =
        [
            .. Vintage("PCPI", 0, 11, m => 100 + m, Day(12, 31), "PCPI01M1"),   // newest month 11: released on day 13 of month 12
            .. Vintage("PCPI", 5, 12, m => 101 + m, Day(13, 28), "PCPI01M2"),   // revisions of 5..11 come out with month 12
            .. Vintage("PCPI", 0, 0, m => 99, Day(14, 30), "PCPI01M3"),         // newest month 0: no calendar entry, stays as it is
            .. Vintage("FEDFUNDS", 0, 11, m => 5, Day(12, 31), "v"),            // not a CPI series
        ];

        ObservationSet dated = CalendarDating.Apply(ObservationSet.Create(observations), PublicationLagRules.CpiSeries, calendar);

        Assert.All(dated.OfSeries("PCPI").Where(o => o.Vintage == "PCPI01M1"), o => Assert.Equal(Day(12, 13), o.AvailableAt));
        Assert.All(dated.OfSeries("PCPI").Where(o => o.Vintage == "PCPI01M2"), o => Assert.Equal(Day(13, 14), o.AvailableAt));
        Assert.All(dated.OfSeries("PCPI").Where(o => o.Vintage == "PCPI01M3"), o => Assert.Equal(Day(14, 30), o.AvailableAt));
        Assert.All(dated.OfSeries("FEDFUNDS"), o => Assert.Equal(Day(12, 31), o.AvailableAt));
        Assert.Equal(observations.Length, dated.Count);
    }

    [Fact]
    public void Coverage_by_year_counts_real_time_pseudo_real_time_and_estimated_cells_of_each_feature()
    {
        Observation[] observations =
        [
            .. Vintage("A", 0, 11, m => m, Day(12, 1), "v", ReleaseTiming.Backfilled),
            .. Vintage("A", 12, 23, m => m, Day(24, 1), "w"),
            .. Vintage("B", 0, 23, m => m, Day(1, 1), null, ReleaseTiming.Estimated),
        ];
        DecisionDate[] dates = [.. Enumerable.Range(12, 13).Select(m => new DecisionDate(Day(m, 1).Date.AddDays(-1)))]; // month ends of 2000 and 2001-01 ... 2001-12
        FeatureTable table = PointInTimeJoin.Compute(ObservationSet.Create(observations), dates,
            new FeatureSet("t", [new FeatureDefinition("A.level", "A"), new FeatureDefinition("B.level", "B")]) { MaxStalenessDays = 1000 });

        IReadOnlyList<FeatureYearCoverage> coverage = table.CoverageByYear();

        FeatureYearCoverage a2000 = coverage.Single(c => c.Feature == "A.level" && c.Year == 2000);
        Assert.Equal((1, 0), (a2000.Cells, a2000.Known)); // 2000-12-31: nothing released yet
        FeatureYearCoverage a2001 = coverage.Single(c => c.Feature == "A.level" && c.Year == 2001);
        Assert.Equal((12, 12, 0, 12, 0), (a2001.Cells, a2001.Known, a2001.RealTime, a2001.PseudoRealTime, a2001.EstimatedRelease));
        FeatureYearCoverage b2001 = coverage.Single(c => c.Feature == "B.level" && c.Year == 2001);
        Assert.Equal((12, 0, 0, 12), (b2001.Known, b2001.RealTime, b2001.PseudoRealTime, b2001.EstimatedRelease));
    }
}
