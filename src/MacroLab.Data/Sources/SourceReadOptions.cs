using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Sources;

/// <summary>How to read a source file. Every property is optional.</summary>
public sealed record SourceReadOptions
{
    /// <summary>
    /// The vintage label, <c>yyyy-MM</c>: the month the source's snapshot was published. For FRED-MD it defaults to the file
    /// name (<c>2023-06.csv</c>); for Fama-French, to the CRSP vintage stated in the file's preamble. When set, every value is
    /// taken as published on the vintage's release date.
    /// </summary>
    /// <value>Default: null (inferred where the format allows, else none).</value>
    public string? Vintage { get; init; }

    /// <summary>The day the vintage was released.</summary>
    /// <value>Default: null, meaning the last day of the vintage's month, a conservative bound since the exact day is rarely recorded.</value>
    public DateOnly? ReleasedOn { get; init; }

    /// <summary>The publication lag for every series of a source without release dates; overrides <see cref="LagRules"/>.</summary>
    /// <value>Default: null (use <see cref="LagRules"/>).</value>
    public PublicationLagRule? Lag { get; init; }

    /// <summary>The per-series publication lags for sources without release dates.</summary>
    /// <value>Default: <see cref="PublicationLagRules.Default"/>.</value>
    public PublicationLagRules LagRules { get; init; } = PublicationLagRules.Default;

    /// <summary>The catalog that gives FRED mnemonics their family (and so their lag).</summary>
    /// <value>Default: <see cref="FredMdCatalog.Default"/>.</value>
    public FredMdCatalog Catalog { get; init; } = FredMdCatalog.Default;

    /// <summary>The series name for a FRED single-series file whose value column is called <c>VALUE</c>.</summary>
    /// <value>Default: null (the value column's header is the name).</value>
    public string? SeriesName { get; init; }
}
