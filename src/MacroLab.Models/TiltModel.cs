using System.Security.Cryptography;
using MacroLab.Scoring;
using MacroLab.Models.Networks;
using MacroLab.Models.Onnx;
using MacroLab.Models.Training;
using static TorchSharp.torch;

namespace MacroLab.Models;

/// <summary>
/// A trained tilt model: the TorchSharp network in evaluation mode and its <see cref="ModelCard"/>. Predicts tilts from raw
/// features, saves and loads its weights (TorchSharp's format, which the TorchSharp project's <c>exportsd.py</c> /
/// <c>importsd.py</c> scripts read and write from Python) with the card, and exports itself to ONNX. Thread-safe.
/// Dispose it to free the native tensors.
/// </summary>
public sealed class TiltModel : IDisposable
{
    private readonly TiltNetwork _network;
    private readonly Lock _gate = new();

    internal TiltModel(TiltNetwork network, ModelCard card)
    {
        _network = network;
        _network.eval();
        _network.DropoutGenerator = null;
        Card = card;
    }

    /// <summary>The model card.</summary>
    public ModelCard Card { get; }

    /// <summary>The feature names, in input order.</summary>
    public IReadOnlyList<string> FeatureNames => Card.FeatureNames;

    /// <summary>The asset names, in output order.</summary>
    public IReadOnlyList<string> Assets => Card.Assets;

    /// <summary>Decision dates per input (1 for the MLP).</summary>
    public int Lookback => Card.Lookback;

    internal TiltNetwork Network => _network;

    /// <summary>
    /// Tilts for a batch: <paramref name="inputs"/> holds rows x <see cref="Lookback"/> x features raw values (each row's
    /// window oldest first), <paramref name="tilts"/> receives rows x assets.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not match, the batch is empty, or a value is not finite (naming the row and feature).</exception>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> tilts)
    {
        int rowWidth = Lookback * FeatureNames.Count;
        int rows = InputValidation.Rows(inputs, rowWidth, FeatureNames, "inputs");
        if (tilts.Length != rows * Assets.Count)
        {
            throw new ArgumentException($"{rows} rows need {rows * Assets.Count} tilts; the output span has {tilts.Length}.", nameof(tilts));
        }

        float[] buffer = inputs.ToArray();

        // The intra-op thread count is per native thread, and a forward pass's float sums depend on it: predict under the
        // count the model was trained with, whatever this thread last ran, so that the same inputs always give the same tilts.
        using TorchThreads.Lease lease = TorchThreads.Process.Acquire(Card.Training.Threads, CancellationToken.None);
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor x = Lookback == 1 ? tensor(buffer, [rows, FeatureNames.Count]) : tensor(buffer, [rows, Lookback, FeatureNames.Count]);
            _network.forward(x).data<float>().CopyTo(tilts);
        }
    }

    /// <summary>Tilts for a batch, as a new array (rows x assets).</summary>
    /// <exception cref="ArgumentException">As <see cref="Predict(ReadOnlySpan{float}, Span{float})"/>.</exception>
    public float[] Predict(ReadOnlySpan<float> inputs)
    {
        int rowWidth = Lookback * FeatureNames.Count;
        var tilts = new float[(rowWidth == 0 ? 0 : inputs.Length / rowWidth) * Assets.Count];
        Predict(inputs, tilts);
        return tilts;
    }

    /// <summary>The weights in TorchSharp's format.</summary>
    public byte[] WeightsBytes()
    {
        lock (_gate)
        {
            return SerializeWeights(_network);
        }
    }

    /// <summary>The model as an ONNX file (opset 17): input <c>features</c>, output <c>tilts</c>, dynamic batch, names and card digest in the metadata.</summary>
    public byte[] ExportOnnx()
    {
        lock (_gate)
        {
            return TiltOnnxExporter.Export(_network, Card);
        }
    }

    /// <summary>The model card to ship beside <paramref name="onnx"/> (an export of this model): <see cref="Card"/> with the file's SHA-256.</summary>
    public ModelCard CardFor(byte[] onnx)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        return Card with { OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(onnx)) };
    }

    /// <summary>
    /// Writes <see cref="ModelArtifacts.WeightsFileName"/>, <see cref="ModelArtifacts.CardFileName"/> and <see cref="ModelArtifacts.OnnxFileName"/> into
    /// <paramref name="directory"/>, atomically: the files are written to a sibling temporary folder that replaces the
    /// target only when all are complete, so a reader never sees half a model.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public async Task SaveAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string target = Path.GetFullPath(directory);
        byte[] weights = WeightsBytes(), onnx = ExportOnnx(), card = ModelCardJson.Serialize(CardFor(onnx));
        await ModelFolder.WriteAtomicallyAsync(target, [(ModelArtifacts.WeightsFileName, weights), (ModelArtifacts.CardFileName, card), (ModelArtifacts.OnnxFileName, onnx)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads a model folder written by <see cref="SaveAsync"/>, checking the weights against the card's SHA-256.</summary>
    /// <exception cref="FileNotFoundException">The card or weights file is missing.</exception>
    /// <exception cref="InvalidDataException">The card is invalid, or the weights do not match its digest or architecture.</exception>
    public static async Task<TiltModel> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string cardPath = Path.Combine(directory, ModelArtifacts.CardFileName), weightsPath = Path.Combine(directory, ModelArtifacts.WeightsFileName);
        byte[] cardBytes = await File.ReadAllBytesAsync(cardPath, cancellationToken).ConfigureAwait(false);
        byte[] weights = await File.ReadAllBytesAsync(weightsPath, cancellationToken).ConfigureAwait(false);
        return FromBytes(ModelCardJson.Deserialize(cardBytes, cardPath), weights, weightsPath);
    }

    /// <summary>A model from its card and TorchSharp weights.</summary>
    /// <exception cref="InvalidDataException">The weights do not match the card's digest or architecture.</exception>
    public static TiltModel FromBytes(ModelCard card, byte[] weights, string source = "weights")
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(weights);
        string digest = Convert.ToHexStringLower(SHA256.HashData(weights));
        if (!string.Equals(digest, card.WeightsSha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: SHA-256 {digest} does not match the model card's {card.WeightsSha256}; the file was changed or belongs to another model.");
        }

        card.Model.Validate();
        using var generator = new Generator(0);
        TiltNetwork network = TiltNetwork.Create(card.Model, card.FeatureNames.Count, card.Assets.Count, generator);
        try
        {
            using var stream = new MemoryStream(weights, writable: false);
            using var reader = new BinaryReader(stream);
            network.load(reader, strict: true);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            network.Dispose();
            throw new InvalidDataException($"{source}: the weights do not fit the card's architecture: {error.Message}", error);
        }

        return new TiltModel(network, card);
    }

    /// <inheritdoc />
    public void Dispose() => _network.Dispose();

    internal static byte[] SerializeWeights(TiltNetwork network)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            network.save(writer);
        }

        return stream.ToArray();
    }
}
