namespace MacroLab.Hosting.Pipeline;

/// <summary>What a stage did.</summary>
public enum StepStatus
{
    /// <summary>It wrote new outputs (or moved the alias).</summary>
    Written,

    /// <summary>Its inputs and parameters were unchanged, so it was skipped.</summary>
    Unchanged,

    /// <summary>It ran and decided not to act: a rejected model is not promoted, or promotion is switched off.</summary>
    Declined,
}
