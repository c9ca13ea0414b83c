namespace MacroLab.Models.Training;

/// <summary>The optimiser.</summary>
public enum TiltOptimizer
{
    /// <summary>Adam; <see cref="TrainingOptions.WeightDecay"/> is an L2 term added to the gradient.</summary>
    Adam,

    /// <summary>AdamW; <see cref="TrainingOptions.WeightDecay"/> is decoupled weight decay.</summary>
    AdamW,
}
