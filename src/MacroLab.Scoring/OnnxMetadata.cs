namespace MacroLab.Scoring;

/// <summary>The names MacroLab gives an exported tilt model's inputs, outputs and metadata properties.</summary>
public static class OnnxMetadata
{
    /// <summary>The input: raw features, [batch, features] for the MLP or [batch, lookback, features] for the Transformer.</summary>
    public const string InputName = "features";

    /// <summary>The output: tilts, [batch, assets].</summary>
    public const string OutputName = "tilts";

    /// <summary>The export format, <c>macrolab.tilt-onnx/1</c>.</summary>
    public const string Format = "macrolab.format";

    /// <summary>The feature names in input order, as a JSON array.</summary>
    public const string FeatureNames = "macrolab.feature_names";

    /// <summary>The asset names in output order, as a JSON array.</summary>
    public const string Assets = "macrolab.assets";

    /// <summary>Decision dates per input row (1 for the MLP).</summary>
    public const string Lookback = "macrolab.lookback";

    /// <summary>The architecture (Mlp or Transformer).</summary>
    public const string Architecture = "macrolab.architecture";

    /// <summary>The model's name.</summary>
    public const string ModelName = "macrolab.model_name";

    /// <summary>The SHA-256 of the model card JSON the export was made with.</summary>
    public const string ModelCardSha256 = "macrolab.model_card_sha256";

    /// <summary>The SHA-256 of the TorchSharp weights the export was made from.</summary>
    public const string WeightsSha256 = "macrolab.weights_sha256";

    /// <summary>The value of <see cref="Format"/> this version writes.</summary>
    public const string CurrentFormat = "macrolab.tilt-onnx/1";
}
