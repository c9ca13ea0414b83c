using MacroLab.Scoring;

namespace MacroLab.Api.Serving;

/// <summary>
/// One loaded, warmed model version. Requests hold a lease on it for as long as they use it; a replaced version is retired,
/// waits for its leases to end, and only then releases its ONNX session, so no request ever sees a disposed scorer or a
/// mixed answer.
/// </summary>
internal sealed class ServedModel : IDisposable
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, int> _featureIndex;
    private int _leases;
    private int _retired;

    public ServedModel(string name, int version, string alias, string sha256, OnnxTiltScorer scorer, InputImputer? imputer = null)
    {
        Imputer = imputer;
        Name = name;
        Version = version;
        VersionText = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Alias = alias;
        Sha256 = sha256;
        Scorer = scorer;
        _featureIndex = scorer.FeatureNames.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The registered model.</summary>
    public string Name { get; }

    /// <summary>The registry version.</summary>
    public int Version { get; }

    /// <summary>The version as text, for headers and tags.</summary>
    public string VersionText { get; }

    /// <summary>The alias it was loaded through.</summary>
    public string Alias { get; }

    /// <summary>The SHA-256 of its <c>model.onnx</c> artifact, as recorded in the registry and verified on download.</summary>
    public string Sha256 { get; }

    /// <summary>The ONNX Runtime session.</summary>
    public OnnxTiltScorer Scorer { get; }

    /// <summary>
    /// The model's missing-input policy with its training means (from its card), or null for a model whose card records no
    /// means: then every input is required.
    /// </summary>
    public InputImputer? Imputer { get; }

    /// <summary>Features per decision date.</summary>
    public int FeatureCount => Scorer.FeatureNames.Count;

    /// <summary>The index of a feature in the model's input order, or -1.</summary>
    public int FeatureIndex(string name) => _featureIndex.TryGetValue(name, out int index) ? index : -1;

    /// <summary>Takes a lease; false once the version is retired (the caller reads the router again).</summary>
    public bool TryAcquire()
    {
        Interlocked.Increment(ref _leases);
        if (Volatile.Read(ref _retired) == 0)
        {
            return true;
        }

        Release();
        return false;
    }

    /// <summary>Ends a lease.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) != 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Stops new leases and completes when the last one ends (or after <paramref name="timeout"/>, returning false).</summary>
    public async Task<bool> RetireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _leases) == 0)
        {
            _drained.TrySetResult();
        }

        try
        {
            await _drained.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Leases currently held.</summary>
    public int Leases => Volatile.Read(ref _leases);

    public void Dispose() => Scorer.Dispose();

    public override string ToString() => $"{Name}:{Version} ({Alias}, sha256 {Sha256[..Math.Min(12, Sha256.Length)]})";
}
