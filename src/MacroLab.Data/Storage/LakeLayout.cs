namespace MacroLab.Data.Storage;

/// <summary>
/// Where datasets live in the lake. Each dataset is a folder holding its content and <c>_manifest.json</c>:
/// <list type="bullet">
/// <item><c>bronze/&lt;source&gt;/&lt;name&gt;</c>: the raw file exactly as received.</item>
/// <item><c>silver/observations/&lt;source&gt;/&lt;name&gt;</c>: normalised observations (series, period, value, available_at, vintage, timing).</item>
/// <item><c>silver/series/&lt;source&gt;/&lt;name&gt;</c>: what the source says about its series (frequency, transform code, family).</item>
/// <item><c>silver/calendars/&lt;name&gt;</c>: release calendars (period, release_date).</item>
/// <item><c>silver/concepts/&lt;name&gt;</c>: concept declarations (which series measure one quantity, spliced how).</item>
/// <item><c>gold/features/&lt;set&gt;@&lt;variant&gt;</c> and <c>gold/provenance/&lt;set&gt;@&lt;variant&gt;</c>: point-in-time features and, per cell, the observation used;
/// <c>gold/coverage/&lt;set&gt;</c>: by feature and year, how much rests on real vintages.</item>
/// <item><c>gold/assets/&lt;universe&gt;</c> and <c>gold/labels/&lt;universe&gt;</c>: monthly asset returns and forward-return labels.</item>
/// <item><c>gold/signals/&lt;name&gt;@&lt;variant&gt;</c>: walk-forward causal signals.</item>
/// <item>Derived Gold datasets carry a variant that follows their definition: see <see cref="DatasetVariant"/>.</item>
/// <item><c>gold/backtests/&lt;name&gt;/...</c>: backtest results, reports and finished grid trials.</item>
/// </list>
/// </summary>
public static class LakeLayout
{
    /// <summary>The name of a dataset's manifest object.</summary>
    public const string ManifestName = "_manifest.json";

    /// <summary>The raw Bronze dataset of a source file.</summary>
    public static string Bronze(string source, string name) => Join("bronze", source, name);

    /// <summary>The Silver observations of a source file.</summary>
    public static string SilverObservations(string source, string name) => Join("silver/observations", source, name);

    /// <summary>The Silver series catalog of a source file.</summary>
    public static string SilverSeries(string source, string name) => Join("silver/series", source, name);

    /// <summary>Silver concept declarations: which series measure one quantity (see <see cref="PointInTime.SeriesConcepts"/>).</summary>
    public static string SilverConcepts(string name) => Join("silver/concepts", name);

    /// <summary>A Silver release calendar.</summary>
    public static string SilverCalendar(string name) => Join("silver/calendars", name);

    /// <summary>A Gold feature table.</summary>
    public static string GoldFeatures(string featureSet) => Join("gold/features", featureSet);

    /// <summary>The per-cell provenance of a Gold feature table.</summary>
    public static string GoldProvenance(string featureSet) => Join("gold/provenance", featureSet);

    /// <summary>How much of a Gold feature table rests on real-time data, pseudo-real-time backfill or estimated release dates, by feature and year.</summary>
    public static string GoldCoverage(string featureSet) => Join("gold/coverage", featureSet);

    /// <summary>The monthly returns of an asset universe.</summary>
    public static string GoldAssets(string universe) => Join("gold/assets", universe);

    /// <summary>The forward-return labels of an asset universe.</summary>
    public static string GoldLabels(string universe) => Join("gold/labels", universe);

    /// <summary>A Gold signal table.</summary>
    public static string GoldSignals(string name) => Join("gold/signals", name);

    /// <summary>The folder of a named backtest; its datasets are below it.</summary>
    public static string GoldBacktest(string name) => Join("gold/backtests", name);

    /// <summary>The manifest key of <paramref name="dataset"/>.</summary>
    public static string ManifestKey(string dataset) => $"{dataset}/{ManifestName}";

    private static string Join(params string[] parts)
    {
        string path = string.Join('/', parts);
        ObjectKeys.Validate(path, "dataset");
        return path;
    }
}
