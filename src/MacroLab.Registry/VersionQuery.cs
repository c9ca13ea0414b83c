namespace MacroLab.Registry;

/// <summary>Which versions of a model to list.</summary>
public sealed record VersionQuery
{
    /// <summary>Only versions with this status; null for all.</summary>
    public ModelVersionStatus? Status { get; init; }

    /// <summary>Only versions carrying every one of these tags with these values.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>At most this many versions, newest first; null for all.</summary>
    public int? Limit { get; init; }
}
