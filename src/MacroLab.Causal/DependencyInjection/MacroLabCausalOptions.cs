using MacroLab.Causal.Stages;

namespace MacroLab.Causal;

/// <summary>Defaults for the causal stage resolved from a service provider.</summary>
public sealed class MacroLabCausalOptions
{
    /// <summary>The signal stage's options (surprise, covariates, walk-forward, estimator).</summary>
    public SignalStageOptions Signals { get; set; } = new();
}
