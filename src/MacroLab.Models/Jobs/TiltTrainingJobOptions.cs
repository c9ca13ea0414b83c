using MacroLab.Data;
using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Models.Jobs;

/// <summary>What <see cref="TiltTrainingJob"/> trains, and on which Gold data.</summary>
public sealed record TiltTrainingJobOptions
{
    /// <summary>The model's name; <c>macro_mlp</c> by default.</summary>
    public string Name { get; init; } = "macro_mlp";

    /// <summary>The Gold tables to read.</summary>
    public GoldDatasetRequest Data { get; init; } = new();

    /// <summary>The features to use, in input order; null (default) for every feature finite on at least <see cref="MinCoverage"/> of the dates.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>The coverage a feature needs to be chosen when <see cref="Features"/> is null; 0.9 by default.</summary>
    public double MinCoverage { get; init; } = 0.9;

    /// <summary>The periods each target return spans; 1 by default.</summary>
    public int Horizon { get; init; } = 1;

    /// <summary>The architecture.</summary>
    public TiltModelOptions Model { get; init; } = new();

    /// <summary>The training options.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.IndexOfAny(['/', '\\', ':']) >= 0)
        {
            throw new ArgumentException($"name is '{Name}'; it must be a non-empty name without '/', '\\' or ':'.");
        }

        if (!(MinCoverage is >= 0 and <= 1))
        {
            throw new ArgumentException($"minCoverage is {MinCoverage}; it must be in [0, 1].");
        }

        if (Horizon is < 1 or > 24)
        {
            throw new ArgumentException($"horizon is {Horizon}; it must be in [1, 24].");
        }

        if (Features is { Count: 0 })
        {
            throw new ArgumentException("features is empty; list at least one feature, or leave it out to choose by coverage.");
        }

        ArgumentNullException.ThrowIfNull(Model, "model");
        ArgumentNullException.ThrowIfNull(Training, "training");
        Model.Validate();
        Training.Validate();
    }
}
