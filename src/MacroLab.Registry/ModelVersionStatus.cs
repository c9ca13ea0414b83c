namespace MacroLab.Registry;

/// <summary>The life cycle of a model version: created PENDING, then finished once as READY or FAILED.</summary>
public enum ModelVersionStatus
{
    /// <summary>Created; artifacts are being uploaded. Cannot hold an alias.</summary>
    Pending,

    /// <summary>Complete and immutable; may hold an alias.</summary>
    Ready,

    /// <summary>Its creation failed; kept for the record, never served.</summary>
    Failed,
}
