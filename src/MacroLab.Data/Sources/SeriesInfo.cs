namespace MacroLab.Data.Sources;

/// <summary>What a source says about one of its series.</summary>
/// <param name="Name">The series mnemonic as stored in the observations.</param>
/// <param name="Frequency">How often it is observed.</param>
public sealed record SeriesInfo(string Name, Frequency Frequency)
{
    /// <summary>The FRED-MD transform code (1-7) the source recommends for making the series stationary, or null.</summary>
    public int? TransformCode { get; init; }

    /// <summary>The publication family, which sets the default publication lag.</summary>
    public SeriesFamily Family { get; init; }

    /// <summary>A human description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The units of the values as stored, e.g. <c>percent per year</c> or <c>decimal return</c>, or null.</summary>
    public string? Units { get; init; }
}
