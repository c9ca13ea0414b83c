using MacroLab.Data.Sources;

namespace MacroLab.Hosting.Configuration;

/// <summary>One raw file to ingest.</summary>
public sealed record SourceConfig
{
    /// <summary>The formats a source may have.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. SourceFormatNames.All, "calendar", "concepts"];

    /// <summary>
    /// <c>fredmd</c> (a FRED-MD vintage, named by its month), <c>fredmd-archive</c> (every FRED-MD vintage as one table of
    /// changes), <c>rtdsm</c> (a Philadelphia Fed real-time workbook), <c>alfred</c> and <c>alfred-wide</c> (ALFRED's vintage
    /// downloads, by real-time period or every vintage side by side), <c>fred-api</c> (a saved FRED API response), <c>fred</c> (a FRED series download),
    /// <c>famafrench</c>, <c>h15</c>, <c>long</c> (series,period,value[,available_at][,vintage]), <c>calendar</c> (a release
    /// calendar) or <c>concepts</c> (which series measure one quantity: concept,member,splice,note).
    /// </summary>
    public string Format { get; set; } = "fredmd";

    /// <summary>The file, relative to <see cref="DataConfig.Folder"/> (or absolute).</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The dataset's name in the lake; null for the file's name (for a calendar: its name, e.g. <c>cpi</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The vintage (<c>yyyy-MM</c>) of a file without one in its name, e.g. the Fama-French file's CRSP vintage.</summary>
    public string? Vintage { get; set; }

    /// <summary>The day the vintage was published, when known (otherwise the vintage's month end).</summary>
    public DateOnly? Released { get; set; }

    /// <summary>The publication lag of every series in a file without release dates, e.g. <c>monthly+31d</c>; null for the per-family defaults.</summary>
    public string? Lag { get; set; }
}
