namespace MacroLab.Models.Training;

/// <summary>The losses of one epoch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainingLoss">The mean loss over the epoch's batches.</param>
/// <param name="ValidationLoss">The validation loss after the epoch, or null without validation samples.</param>
/// <param name="LearningRate">The learning rate of the epoch.</param>
public sealed record EpochRecord(int Epoch, double TrainingLoss, double? ValidationLoss, double LearningRate);
