namespace MacroLab.Scoring;

/// <summary>The files of a trained tilt model, in a model folder and among a registered version's artifacts.</summary>
public static class ModelArtifacts
{
    /// <summary>The TorchSharp weights (training only; serving does not read them).</summary>
    public const string WeightsFileName = "weights.dat";

    /// <summary>The model card (<see cref="ModelCard"/>, JSON).</summary>
    public const string CardFileName = "model-card.json";

    /// <summary>The ONNX export that <see cref="OnnxTiltScorer"/> scores.</summary>
    public const string OnnxFileName = "model.onnx";
}
