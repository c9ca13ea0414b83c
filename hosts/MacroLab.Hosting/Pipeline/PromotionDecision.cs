namespace MacroLab.Hosting.Pipeline;

/// <summary>What the promote stage decided.</summary>
public enum PromotionDecision
{
    /// <summary>The alias now points to the run's version.</summary>
    Promoted,

    /// <summary>It already did.</summary>
    AlreadyPromoted,

    /// <summary>The version failed a gate: it is registered, never promoted.</summary>
    Rejected,

    /// <summary>It passed, but promotion is off, or people moved the alias away from it before.</summary>
    NotPromoted,
}
