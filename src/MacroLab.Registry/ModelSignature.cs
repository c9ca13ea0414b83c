namespace MacroLab.Registry;

/// <summary>What a model takes and returns, so a server can check requests against it.</summary>
/// <param name="Inputs">The input tensors.</param>
/// <param name="Outputs">The output tensors.</param>
/// <param name="FeatureNames">The names of the input features, in input order (the last dimension of the first input).</param>
/// <param name="OutputNames">The names of the outputs, e.g. the assets a tilt model weights, in output order.</param>
public sealed record ModelSignature(
    IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> OutputNames);
