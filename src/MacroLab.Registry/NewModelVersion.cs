using MacroLab.Data.Validation;
namespace MacroLab.Registry;

/// <summary>What a new version is registered with; artifacts are uploaded afterwards, while it is PENDING.</summary>
public sealed record NewModelVersion
{
    /// <summary>What this version is, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Out-of-sample metrics by name; finite values.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The promotion gates' verdict, or null when not evaluated.</summary>
    public GateVerdict? Gates { get; init; }

    /// <summary>The model's inputs and outputs, or null.</summary>
    public ModelSignature? Signature { get; init; }

    /// <summary>Where the version came from.</summary>
    public ModelLineage Lineage { get; init; } = new();

    /// <summary>Free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Who registers it (a user or a service principal).</summary>
    public string CreatedBy { get; init; } = "unknown";
}
