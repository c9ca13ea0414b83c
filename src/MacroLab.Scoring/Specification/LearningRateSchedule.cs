namespace MacroLab.Models.Training;

/// <summary>How the learning rate moves over the epochs (after <see cref="TrainingOptions.WarmupEpochs"/> of linear warm-up).</summary>
public enum LearningRateSchedule
{
    /// <summary>The base rate throughout.</summary>
    Constant,

    /// <summary>Cosine decay from the base rate to 1% of it at the last epoch.</summary>
    Cosine,

    /// <summary>Halved every quarter of the epochs.</summary>
    Step,
}
