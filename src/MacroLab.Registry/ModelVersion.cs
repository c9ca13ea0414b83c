using MacroLab.Data.Validation;
namespace MacroLab.Registry;

/// <summary>One version of a registered model, with everything needed to judge and trace it.</summary>
public sealed record ModelVersion
{
    /// <summary>The model's name.</summary>
    public required string Name { get; init; }

    /// <summary>The version number: 1, 2, 3, ... per model, without gaps.</summary>
    public required int Version { get; init; }

    /// <summary>Its status.</summary>
    public required ModelVersionStatus Status { get; init; }

    /// <summary>Why it FAILED, or a note on finishing; null otherwise.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it became READY or FAILED; null while PENDING.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>What this version is, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Out-of-sample metrics by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The promotion gates' verdict, or null.</summary>
    public GateVerdict? Gates { get; init; }

    /// <summary>The model's inputs and outputs, or null.</summary>
    public ModelSignature? Signature { get; init; }

    /// <summary>Where it came from.</summary>
    public ModelLineage Lineage { get; init; } = new();

    /// <summary>Free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Its files, in upload order.</summary>
    public IReadOnlyList<ArtifactRecord> Artifacts { get; init; } = [];

    /// <summary>The artifact named <paramref name="name"/>, or null.</summary>
    public ArtifactRecord? Artifact(string name) => Artifacts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
