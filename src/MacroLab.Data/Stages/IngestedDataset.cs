using MacroLab.Data.Sources;

namespace MacroLab.Data.Stages;

/// <summary>The outcome of ingesting one source file.</summary>
/// <param name="Source">The Bronze dataset of the raw file.</param>
/// <param name="Dataset">The Silver dataset (observations or calendar).</param>
/// <param name="Status">Whether it was written or unchanged.</param>
/// <param name="Rows">Rows in the Silver dataset.</param>
/// <param name="Series">What the file says about its series (empty for a calendar).</param>
/// <param name="FirstPeriod">The earliest reference period, or null.</param>
/// <param name="LastPeriod">The latest reference period, or null.</param>
/// <param name="Vintage">The vintage label; for a file of many vintages (an archive, a real-time workbook), their span and count, e.g. <c>1999-08 .. 2023-06, 267 vintages</c>; null when the file has none.</param>
/// <param name="VintageRelease">The vintage's release date, or null.</param>
public sealed record IngestedDataset(
    string Source,
    string Dataset,
    DatasetStatus Status,
    long Rows,
    IReadOnlyList<SeriesInfo> Series,
    ReferencePeriod? FirstPeriod,
    ReferencePeriod? LastPeriod,
    string? Vintage,
    ReleaseDate? VintageRelease);
