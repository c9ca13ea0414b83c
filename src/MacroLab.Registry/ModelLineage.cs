namespace MacroLab.Registry;

/// <summary>
/// Where a model version came from: enough to rebuild it bit for bit, or to tell a risk committee exactly which data
/// vintage and code produced it.
/// </summary>
public sealed record ModelLineage
{
    /// <summary>The lake datasets it was trained and evaluated on, with their content digests.</summary>
    public IReadOnlyList<LineageDataset> Datasets { get; init; } = [];

    /// <summary>The lake's location when the version was made.</summary>
    public string? Lake { get; init; }

    /// <summary>The SHA-256 of the canonical configuration that produced it.</summary>
    public string? ConfigSha256 { get; init; }

    /// <summary>The git commit of the code, or null when not built from a git checkout.</summary>
    public string? GitCommit { get; init; }

    /// <summary>Whether the checkout had uncommitted changes (then the commit alone does not reproduce it); null when unknown.</summary>
    public bool? GitDirty { get; init; }

    /// <summary>The master seed of every random choice.</summary>
    public long? Seed { get; init; }

    /// <summary>The versions of the packages that made it, by package name.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; init; } = new Dictionary<string, string>();
}
