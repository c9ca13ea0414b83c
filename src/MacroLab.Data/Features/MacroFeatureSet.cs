using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Features;

/// <summary>The feature set the pipeline builds by default from whatever series the lake holds.</summary>
public static class MacroFeatureSet
{
    /// <summary>The name of the default feature set, and of its Gold dataset.</summary>
    public const string DefaultName = "macro_monthly";

    /// <summary>The window of the default z-scores: ten years of months.</summary>
    public const int ZScoreWindow = 120;

    /// <summary>
    /// The share of a z-score's window that must be known: nine tenths. A month the publisher never released (the October
    /// 2025 CPI and unemployment rate, lost to the federal government shutdown) is a hole in every later window; without this
    /// tolerance it would blank the ten-year z-scores for ten years.
    /// </summary>
    public const double ZScoreMinShare = 0.9;

    /// <summary>
    /// A quarterly series' staleness limit: the monthly one plus a quarter (its newest period starts up to two months
    /// earlier, and quarterly vintages come three months apart); null (the set's) for other frequencies.
    /// </summary>
    private static int? Staleness(SeriesInfo info, int? monthly) => info.Frequency == Frequency.Quarterly && monthly is { } days ? days + 92 : null;

    /// <summary>
    /// What the default feature set is built from when concepts are declared: each concept (named as declared, described
    /// by its first member the catalog knows, e.g. <c>CPIAUCSL</c> from <c>PCPI</c>) in place of its members, and every
    /// series that belongs to no concept.
    /// </summary>
    /// <param name="catalog">What the sources say about their series.</param>
    /// <param name="concepts">The declared concepts.</param>
    public static IReadOnlyList<SeriesInfo> ByConcept(IEnumerable<SeriesInfo> catalog, SeriesConcepts concepts)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(concepts);
        Dictionary<string, SeriesInfo> known = catalog.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var result = new List<SeriesInfo>();
        foreach (SeriesConcept concept in concepts.Concepts)
        {
            SeriesInfo? described = null;
            foreach (ConceptMember member in concept.Members)
            {
                if (known.TryGetValue(member.Series, out SeriesInfo? info))
                {
                    // The concept's own name first: FRED-MD's catalog entry describes CPIAUCSL better than a source's.
                    described = member.Series == concept.Name ? info : described ?? info;
                }
            }

            if (described is not null)
            {
                result.Add(described with { Name = concept.Name, Description = concept.Note ?? described.Description });
            }
        }

        result.AddRange(known.Values.Where(s => concepts.ConceptOf(s.Name) is null));
        return result;
    }

    /// <summary>
    /// The default features, keeping only those whose series are in <paramref name="series"/>:
    /// <list type="number">
    /// <item>every monthly or quarterly series (or concept) with a FRED-MD transform code, transformed by it (<c>&lt;series&gt;.tcode&lt;n&gt;</c>);</item>
    /// <item>year-over-year changes of headline indicators: <c>CPIAUCSL.yoy</c>, <c>CPILFESL.yoy</c> and <c>PCEPI.yoy</c> (growth),
    /// <c>INDPRO.yoy</c>, <c>PAYEMS.yoy</c> and <c>GDPC1.yoy</c> (log change), <c>UNRATE.yoy</c> (difference), and their ten-year
    /// z-scores (<c>….yoy.z120</c>; <c>GDPC1.yoy.z40</c>, quarterly), each from at least <see cref="ZScoreMinShare"/> of its window;</item>
    /// <item>market windows from the Fama-French monthly factors: <c>FF.Mkt-RF.sum12</c> (12-month excess return, summed) and
    /// <c>FF.Mkt-RF.std12</c> (12-month volatility);</item>
    /// <item>growth/inflation regimes from the signs of <c>INDPRO.yoy.z120</c> and <c>CPIAUCSL.yoy.z120</c>.</item>
    /// </list>
    /// </summary>
    /// <param name="series">The series available, with their frequency and transform code.</param>
    /// <param name="maxStalenessDays">The staleness limit of the set.</param>
    /// <param name="name">The feature set's name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static FeatureSet Default(IEnumerable<SeriesInfo> series, int? maxStalenessDays, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(series);
        Dictionary<string, SeriesInfo> known = series
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var features = new List<FeatureDefinition>();
        foreach (SeriesInfo info in known.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (info is { Frequency: Frequency.Monthly or Frequency.Quarterly, TransformCode: { } code })
            {
                features.Add(FeatureDefinition.FromTransformCode(info.Name, code) with { Frequency = info.Frequency, MaxStalenessDays = Staleness(info, maxStalenessDays) });
            }
        }

        (string Series, SeriesTransform Transform)[] headline =
        [
            ("CPIAUCSL", SeriesTransform.YearOverYear),
            ("CPILFESL", SeriesTransform.YearOverYear),
            ("PCEPI", SeriesTransform.YearOverYear),
            ("INDPRO", SeriesTransform.YearOverYearLog),
            ("PAYEMS", SeriesTransform.YearOverYearLog),
            ("UNRATE", SeriesTransform.YearOverYearDifference),
            ("GDPC1", SeriesTransform.YearOverYearLog),
        ];
        foreach ((string source, SeriesTransform transform) in headline)
        {
            if (known.TryGetValue(source, out SeriesInfo? info) && info.Frequency is Frequency.Monthly or Frequency.Quarterly)
            {
                // The z-score window is ten years in the series' own periods: 120 months or 40 quarters.
                int window = info.Frequency == Frequency.Quarterly ? ZScoreWindow / 3 : ZScoreWindow;
                features.Add(new FeatureDefinition($"{source}.yoy", source, transform) { Frequency = info.Frequency, MaxStalenessDays = Staleness(info, maxStalenessDays) });
                features.Add(new FeatureDefinition($"{source}.yoy.z{window}", source, transform)
                {
                    Window = WindowStatistic.ZScore,
                    WindowLength = window,
                    MinPeriods = (int)Math.Ceiling(window * ZScoreMinShare),
                    Frequency = info.Frequency,
                    MaxStalenessDays = Staleness(info, maxStalenessDays),
                });
            }
        }

        if (known.TryGetValue("FF.Mkt-RF", out SeriesInfo? market) && market.Frequency == Frequency.Monthly)
        {
            features.Add(new FeatureDefinition("FF.Mkt-RF.sum12", "FF.Mkt-RF") { Window = WindowStatistic.Sum, WindowLength = 12 });
            features.Add(new FeatureDefinition("FF.Mkt-RF.std12", "FF.Mkt-RF") { Window = WindowStatistic.StandardDeviation, WindowLength = 12 });
        }

        string growth = $"INDPRO.yoy.z{ZScoreWindow}", inflation = $"CPIAUCSL.yoy.z{ZScoreWindow}";
        bool regime = features.Exists(f => f.Name == growth) && features.Exists(f => f.Name == inflation);
        return new FeatureSet(name, features)
        {
            Regime = regime ? new RegimeDefinition(growth, inflation) : null,
            MaxStalenessDays = maxStalenessDays,
        };
    }
}
