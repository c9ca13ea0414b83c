using MacroLab.Scoring;
using MacroLab.Models.Training;

namespace MacroLab.Models.Jobs;

/// <summary>What a training job wrote.</summary>
/// <param name="Card">The model card.</param>
/// <param name="Epochs">The losses of every epoch.</param>
/// <param name="Timings">Where the training time went.</param>
/// <param name="Directory">The model folder.</param>
/// <param name="Files">The files written, as full paths.</param>
public sealed record TiltTrainingJobResult(ModelCard Card, IReadOnlyList<EpochRecord> Epochs, TrainingTimings Timings, string Directory, IReadOnlyList<string> Files);
