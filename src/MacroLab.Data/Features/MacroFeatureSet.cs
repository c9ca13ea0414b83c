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
    /// The default features, keeping only those whose series are in <paramref name="series"/>:
    /// <list type="number">
    /// <item>every monthly series with a FRED-MD transform code, transformed by it (<c>&lt;series&gt;.tcode&lt;n&gt;</c>);</item>
    /// <item>year-over-year changes of headline indicators: <c>CPIAUCSL.yoy</c> and <c>PCEPI.yoy</c> (growth), <c>INDPRO.yoy</c> and
    /// <c>PAYEMS.yoy</c> (log change), <c>UNRATE.yoy</c> (difference), and their 120-month z-scores (<c>….yoy.z120</c>);</item>
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
            if (info is { Frequency: Frequency.Monthly, TransformCode: { } code })
            {
                features.Add(FeatureDefinition.FromTransformCode(info.Name, code));
            }
        }

        (string Series, SeriesTransform Transform)[] headline =
        [
            ("CPIAUCSL", SeriesTransform.YearOverYear),
            ("PCEPI", SeriesTransform.YearOverYear),
            ("INDPRO", SeriesTransform.YearOverYearLog),
            ("PAYEMS", SeriesTransform.YearOverYearLog),
            ("UNRATE", SeriesTransform.YearOverYearDifference),
        ];
        foreach ((string source, SeriesTransform transform) in headline)
        {
            if (known.TryGetValue(source, out SeriesInfo? info) && info.Frequency == Frequency.Monthly)
            {
                features.Add(new FeatureDefinition($"{source}.yoy", source, transform));
                features.Add(new FeatureDefinition($"{source}.yoy.z{ZScoreWindow}", source, transform)
                {
                    Window = WindowStatistic.ZScore,
                    WindowLength = ZScoreWindow,
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
