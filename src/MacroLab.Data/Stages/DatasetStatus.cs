namespace MacroLab.Data.Stages;

/// <summary>What a stage did with a dataset.</summary>
public enum DatasetStatus
{
    /// <summary>The dataset was written (it was new, its inputs or parameters changed, or the run was forced).</summary>
    Written,

    /// <summary>Its manifest already records the same inputs and parameters: the stage skipped it.</summary>
    Unchanged,
}
