namespace MacroLab.Hosting.Configuration;

/// <summary>A feature added to the default set.</summary>
public sealed record ExtraFeatureConfig
{
    /// <summary>The transforms by name.</summary>
    public static IReadOnlyList<string> Transforms { get; } = ["level", "diff", "diff2", "log", "logdiff", "logdiff2", "pctdiff", "yoy", "yoylog", "yoydiff"];

    /// <summary>The window statistics by name.</summary>
    public static IReadOnlyList<string> Windows { get; } = ["none", "mean", "sum", "std", "zscore"];

    /// <summary>The feature's column name, e.g. <c>GS10.level.z60</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The series it is computed from.</summary>
    public string Series { get; set; } = string.Empty;

    /// <summary>
    /// <c>level</c>, <c>diff</c>, <c>diff2</c>, <c>log</c>, <c>logdiff</c>, <c>logdiff2</c>, <c>pctdiff</c> (FRED-MD codes 1-7),
    /// <c>yoy</c> (growth), <c>yoylog</c> or <c>yoydiff</c>; every lag read from the vintage known at the decision.
    /// </summary>
    /// <value>Default: <c>level</c>.</value>
    public string Transform { get; set; } = "level";

    /// <summary>A rolling statistic of the transformed values: <c>none</c>, <c>mean</c>, <c>sum</c>, <c>std</c> or <c>zscore</c>.</summary>
    /// <value>Default: <c>none</c>.</value>
    public string Window { get; set; } = "none";

    /// <summary>The window's length in periods (at least 2 when a window is used).</summary>
    /// <value>Default: 0.</value>
    public int WindowLength { get; set; }
}
