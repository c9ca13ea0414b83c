namespace MacroLab.Models.Training;

/// <summary>One finished epoch, as reported to a caller's <see cref="IProgress{T}"/>.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The most epochs the training may run.</param>
/// <param name="TrainingLoss">The mean training loss over the epoch's batches (in training mode, dropout on).</param>
/// <param name="ValidationLoss">The validation loss after the epoch (evaluation mode), or null without validation samples.</param>
/// <param name="LearningRate">The learning rate used in the epoch.</param>
/// <param name="Elapsed">The time since training started.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, double TrainingLoss, double? ValidationLoss, double LearningRate, TimeSpan Elapsed);
