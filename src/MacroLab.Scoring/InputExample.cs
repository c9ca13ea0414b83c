namespace MacroLab.Scoring;

/// <summary>
/// Real inputs and the TorchSharp model's outputs for them: <see cref="Inputs"/>[i] holds lookback x features values (oldest
/// decision date first, features in the card's order) and <see cref="Outputs"/>[i] one tilt per asset. An ONNX client that
/// feeds the inputs should get the outputs to about 1e-5.
/// </summary>
/// <param name="Dates">The decision date of each input.</param>
/// <param name="Inputs">The raw (unstandardised) inputs.</param>
/// <param name="Outputs">The tilts.</param>
public sealed record InputExample(IReadOnlyList<DateOnly> Dates, IReadOnlyList<IReadOnlyList<float>> Inputs, IReadOnlyList<IReadOnlyList<float>> Outputs);
