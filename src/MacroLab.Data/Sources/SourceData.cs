namespace MacroLab.Data.Sources;

/// <summary>What a source file holds once read: its observations and what it says about its series.</summary>
public sealed class SourceData
{
    internal SourceData(SourceFormat format, string sourceName, ObservationSet observations, IReadOnlyList<SeriesInfo> series, string? vintage, ReleaseDate? vintageRelease)
    {
        Format = format;
        SourceName = sourceName;
        Observations = observations;
        Series = series;
        Vintage = vintage;
        VintageRelease = vintageRelease;
    }

    /// <summary>The layout the file was read as.</summary>
    public SourceFormat Format { get; }

    /// <summary>The file name used in messages and lineage.</summary>
    public string SourceName { get; }

    /// <summary>The observations, each with its release date.</summary>
    public ObservationSet Observations { get; }

    /// <summary>The series of the file, in file order.</summary>
    public IReadOnlyList<SeriesInfo> Series { get; }

    /// <summary>The vintage label, or null.</summary>
    public string? Vintage { get; }

    /// <summary>The vintage's release date, or null.</summary>
    public ReleaseDate? VintageRelease { get; }
}
