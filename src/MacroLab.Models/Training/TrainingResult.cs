namespace MacroLab.Models.Training;

/// <summary>A trained model with its history and timings. Disposing it disposes the model.</summary>
/// <param name="Model">The model with the best epoch's weights.</param>
/// <param name="Epochs">The losses of every epoch run.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record TrainingResult(TiltModel Model, IReadOnlyList<EpochRecord> Epochs, TrainingTimings Timings) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
