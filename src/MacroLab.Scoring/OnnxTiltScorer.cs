using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace MacroLab.Scoring;

/// <summary>
/// Scores an exported tilt model with ONNX Runtime. Thread-safe: calls run concurrently on one session, each with its own
/// pre-allocated, pinned input and output buffers bound to the session once (ONNX Runtime I/O binding), so a call on the hot
/// path allocates nothing. The input width is checked against the model's metadata, and every value must be finite.
/// </summary>
public sealed class OnnxTiltScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OnnxScorerOptions _options;
    private readonly ConcurrentDictionary<int, ConcurrentBag<Buffers>> _pool = new();
    private readonly int _rowWidth;
    private bool _disposed;

    private OnnxTiltScorer(InferenceSession session, OnnxScorerOptions options, string source)
    {
        _session = session;
        _options = options;
        Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        string Required(string key) => metadata.TryGetValue(key, out string? value)
            ? value
            : throw new InvalidDataException($"{source}: the ONNX metadata has no '{key}'; export the model with MacroLab.Models (TiltModel.ExportOnnx).");
        if (!string.Equals(Required(OnnxMetadata.Format), OnnxMetadata.CurrentFormat, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: {OnnxMetadata.Format} is '{metadata[OnnxMetadata.Format]}'; this version reads '{OnnxMetadata.CurrentFormat}'.");
        }

        FeatureNames = JsonSerializer.Deserialize(Required(OnnxMetadata.FeatureNames), ScoringJsonContext.Default.IReadOnlyListString) ?? [];
        Assets = JsonSerializer.Deserialize(Required(OnnxMetadata.Assets), ScoringJsonContext.Default.IReadOnlyListString) ?? [];
        Lookback = int.Parse(Required(OnnxMetadata.Lookback), CultureInfo.InvariantCulture);
        ModelName = Required(OnnxMetadata.ModelName);
        ModelCardSha256 = Required(OnnxMetadata.ModelCardSha256);
        if (!session.InputMetadata.TryGetValue(OnnxMetadata.InputName, out NodeMetadata? input) || !session.OutputMetadata.TryGetValue(OnnxMetadata.OutputName, out NodeMetadata? output))
        {
            throw new InvalidDataException($"{source}: the model must have input '{OnnxMetadata.InputName}' and output '{OnnxMetadata.OutputName}'.");
        }

        int[] expected = Lookback == 1 ? [-1, FeatureNames.Count] : [-1, Lookback, FeatureNames.Count];
        if (!input.Dimensions.SequenceEqual(expected) || !output.Dimensions.SequenceEqual([-1, Assets.Count]))
        {
            throw new InvalidDataException(
                $"{source}: the graph's shapes [{string.Join(", ", input.Dimensions)}] -> [{string.Join(", ", output.Dimensions)}] disagree with its metadata ({FeatureNames.Count} features, lookback {Lookback}, {Assets.Count} assets).");
        }

        _rowWidth = Lookback * FeatureNames.Count;
    }

    /// <summary>The feature names, in input order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The asset names, in output order.</summary>
    public IReadOnlyList<string> Assets { get; }

    /// <summary>Decision dates per input row (1 for the MLP).</summary>
    public int Lookback { get; }

    /// <summary>The model's name.</summary>
    public string ModelName { get; }

    /// <summary>The SHA-256 of the model card the model was exported with.</summary>
    public string ModelCardSha256 { get; }

    /// <summary>Values per input row: <see cref="Lookback"/> x features.</summary>
    public int RowWidth => _rowWidth;

    /// <summary>Loads an ONNX file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX tilt model (the message names the file and what is wrong).</exception>
    public static OnnxTiltScorer FromFile(string path, OnnxScorerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file {path} does not exist.", path);
        }

        return FromBytes(File.ReadAllBytes(path), options, path);
    }

    /// <summary>Loads an ONNX model from bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX tilt model.</exception>
    public static OnnxTiltScorer FromBytes(byte[] model, OnnxScorerOptions? options = null, string source = "model")
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxScorerOptions();
        options.Validate();
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        InferenceSession? session = null;
        try
        {
            session = new InferenceSession(model, sessionOptions);
            var scorer = new OnnxTiltScorer(session, options, source);
            session = null;
            return scorer;
        }
        catch (OnnxRuntimeException error)
        {
            throw new InvalidDataException($"{source}: ONNX Runtime cannot load the model: {error.Message}", error);
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>
    /// Scores a batch: <paramref name="inputs"/> holds rows x <see cref="RowWidth"/> raw values (features in
    /// <see cref="FeatureNames"/> order; for the Transformer each row is its window, oldest date first) and
    /// <paramref name="tilts"/> receives rows x assets.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is empty, its width is wrong, a value is NaN or infinite (naming row and feature), or the output span has the wrong size.</exception>
    public void Score(ReadOnlySpan<float> inputs, Span<float> tilts)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int rows = InputValidation.Rows(inputs, _rowWidth, FeatureNames, nameof(inputs));
        int assets = Assets.Count;
        if (tilts.Length != rows * assets)
        {
            throw new ArgumentException($"{rows} rows need {rows * assets} tilts; the output span has {tilts.Length}.", nameof(tilts));
        }

        for (int start = 0; start < rows; start += _options.MaxBatchSize)
        {
            int count = Math.Min(_options.MaxBatchSize, rows - start);
            Buffers buffers = Rent(count);
            try
            {
                inputs.Slice(start * _rowWidth, count * _rowWidth).CopyTo(buffers.Input);
                _session.RunWithBinding(buffers.RunOptions, buffers.Binding);
                buffers.Output.AsSpan().CopyTo(tilts.Slice(start * assets, count * assets));
            }
            finally
            {
                Return(count, buffers);
            }
        }
    }

    /// <summary>Scores a batch into a new array (rows x assets).</summary>
    /// <exception cref="ArgumentException">As <see cref="Score(ReadOnlySpan{float}, Span{float})"/>.</exception>
    public float[] Score(ReadOnlySpan<float> inputs)
    {
        var tilts = new float[inputs.Length / Math.Max(1, _rowWidth) * Assets.Count];
        Score(inputs, tilts);
        return tilts;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (ConcurrentBag<Buffers> bag in _pool.Values)
        {
            while (bag.TryTake(out Buffers? buffers))
            {
                buffers.Dispose();
            }
        }

        _session.Dispose();
    }

    private Buffers Rent(int rows) =>
        _pool.TryGetValue(rows, out ConcurrentBag<Buffers>? bag) && bag.TryTake(out Buffers? buffers)
            ? buffers
            : new Buffers(_session, rows, Lookback, FeatureNames.Count, Assets.Count);

    private void Return(int rows, Buffers buffers)
    {
        if (_disposed)
        {
            buffers.Dispose();
            return;
        }

        _pool.GetOrAdd(rows, static _ => []).Add(buffers);
    }

    /// <summary>Pinned input and output arrays for one batch size, bound to the session.</summary>
    private sealed class Buffers : IDisposable
    {
        private readonly OrtValue _inputValue;
        private readonly OrtValue _outputValue;

        public Buffers(InferenceSession session, int rows, int lookback, int features, int assets)
        {
            Input = GC.AllocateArray<float>(rows * lookback * features, pinned: true);
            Output = GC.AllocateArray<float>(rows * assets, pinned: true);
            long[] inputShape = lookback == 1 ? [rows, features] : [rows, lookback, features];
            _inputValue = OrtValue.CreateTensorValueFromMemory(Input, inputShape);
            _outputValue = OrtValue.CreateTensorValueFromMemory(Output, [rows, assets]);
            Binding = session.CreateIoBinding();
            Binding.BindInput(OnnxMetadata.InputName, _inputValue);
            Binding.BindOutput(OnnxMetadata.OutputName, _outputValue);
            RunOptions = new RunOptions();
        }

        public float[] Input { get; }

        public float[] Output { get; }

        public OrtIoBinding Binding { get; }

        public RunOptions RunOptions { get; }

        public void Dispose()
        {
            Binding.Dispose();
            RunOptions.Dispose();
            _inputValue.Dispose();
            _outputValue.Dispose();
        }
    }
}
