namespace MacroLab.Models.Architecture;

/// <summary>The network family of a tilt model.</summary>
public enum TiltArchitecture
{
    /// <summary>A multi-layer perceptron on the features of the decision date (<see cref="TiltMlpOptions"/>).</summary>
    Mlp,

    /// <summary>A small Transformer encoder over a lookback window of feature vectors (<see cref="TiltTransformerOptions"/>).</summary>
    Transformer,
}
