namespace MacroLab.Hosting.Configuration;

/// <summary>Checks of the trained model that join the gates: a model that fails one is not promoted.</summary>
public sealed record ValidationConfig
{
    /// <summary>The largest difference allowed between ONNX Runtime's tilts and TorchSharp's on the model card's input example.</summary>
    /// <value>Default: 1e-4.</value>
    public double OnnxTolerance { get; set; } = 1e-4;

    /// <summary>
    /// The largest share of the model's known input cells over the backtest's out-of-sample years that may rest on
    /// pseudo-real-time (first-vintage backfill) data; null to report the share without gating on it.
    /// </summary>
    /// <value>Default: 0.5 (at most half). The default model's inputs pass it: the Philadelphia Fed's vintages make most of them real-time from the 1960s.</value>
    public double? MaxPseudoRealTimeShare { get; set; } = 0.5;
}
