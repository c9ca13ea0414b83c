namespace MacroLab.Models.Training;

/// <summary>
/// Where training time went, summed over all steps (TorchSharp has no profiler): assembling batches, the forward pass and
/// loss, back-propagation, and gradient clipping plus the optimiser step; validation is the evaluation after each epoch.
/// </summary>
/// <param name="Data">Batch assembly.</param>
/// <param name="Forward">Forward passes and losses.</param>
/// <param name="Backward">Back-propagation.</param>
/// <param name="Optimizer">Clipping and optimiser steps.</param>
/// <param name="Validation">Validation passes.</param>
/// <param name="Total">The whole training, set-up included.</param>
public sealed record TrainingTimings(TimeSpan Data, TimeSpan Forward, TimeSpan Backward, TimeSpan Optimizer, TimeSpan Validation, TimeSpan Total);
