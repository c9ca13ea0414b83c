using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Models;

/// <summary>Defaults for tilt models resolved from a service provider.</summary>
public sealed class MacroLabModelsOptions
{
    /// <summary>The default architecture.</summary>
    public TiltModelOptions Model { get; set; } = new();

    /// <summary>The default training options.</summary>
    public TrainingOptions Training { get; set; } = new();
}
