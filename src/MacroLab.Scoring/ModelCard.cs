using System.Text.Json.Serialization;
using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Scoring;

/// <summary>
/// Everything needed to rebuild, check and trust a trained tilt model, saved as <c>model-card.json</c> beside the weights:
/// the architecture and training options (seed and thread count included), the feature and asset names in input and output
/// order, the training and validation windows, metrics, the SHA-256 of the weights, and an input example with the TorchSharp
/// model's own outputs, so that any ONNX client can check an export (as MLflow's input examples do).
/// </summary>
public sealed record ModelCard
{
    /// <summary>The card format: <c>macrolab.tilt-model/1</c>.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The model's name.</summary>
    public required string Name { get; init; }

    /// <summary>The architecture.</summary>
    public required TiltModelOptions Model { get; init; }

    /// <summary>The training options.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>The feature names, in input order.</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary>The asset names, in output order.</summary>
    public required IReadOnlyList<string> Assets { get; init; }

    /// <summary>Decision dates per input (1 for the MLP).</summary>
    public required int Lookback { get; init; }

    /// <summary>The periods the training targets spanned.</summary>
    public required int Horizon { get; init; }

    /// <summary>The training samples' dates.</summary>
    public required SampleWindow TrainingWindow { get; init; }

    /// <summary>The validation samples' dates, or null when training used no validation split.</summary>
    public SampleWindow? ValidationWindow { get; init; }

    /// <summary>The training outcome.</summary>
    public required TrainingMetrics Metrics { get; init; }

    /// <summary>The SHA-256 (lower-case hex) of the TorchSharp weights file.</summary>
    public required string WeightsSha256 { get; init; }

    /// <summary>
    /// The SHA-256 (lower-case hex) of the ONNX file exported from these weights, so that a scorer can check the file it
    /// loads; null on a card taken before the export. The ONNX metadata records the digest of this card without this
    /// field (<see cref="ModelCardJson.CoreSha256"/>), which binds the two files both ways.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OnnxSha256 { get; init; }

    /// <summary>
    /// Each feature's mean over the training samples, in input order: the value a missing input enters at (see
    /// <see cref="MissingInputs"/>). Empty on cards written before MacroLab recorded it.
    /// </summary>
    public IReadOnlyList<double> InputMeans { get; init; } = [];

    /// <summary>What the model does when inputs are missing at a decision.</summary>
    /// <value>Default: <see cref="MissingInputPolicy.Default"/>.</value>
    public MissingInputPolicy MissingInputs { get; init; } = MissingInputPolicy.Default;

    /// <summary>The imputer of this model's inputs, by its policy and training means.</summary>
    /// <exception cref="InvalidDataException">The card records no training means (an older card).</exception>
    public InputImputer Imputer() => InputMeans.Count == FeatureNames.Count
        ? new InputImputer(FeatureNames, InputMeans, Lookback, MissingInputs)
        : throw new InvalidDataException($"The model card of '{Name}' records no training means, so missing inputs cannot be imputed; retrain the model with this version.");

    /// <summary>Real inputs and the TorchSharp model's outputs for them.</summary>
    public required InputExample InputExample { get; init; }

    /// <summary>The versions of MacroLab.Models and TorchSharp that trained the model.</summary>
    public required IReadOnlyDictionary<string, string> Software { get; init; }

    /// <summary>Where the data came from (for example lake datasets and their content digests); may be empty.</summary>
    public IReadOnlyDictionary<string, string> Lineage { get; init; } = new Dictionary<string, string>();

    /// <summary>The format this version writes.</summary>
    public const string CurrentFormat = "macrolab.tilt-model/1";
}
