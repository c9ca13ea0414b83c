using System.Globalization;

namespace MacroLab.Scoring;

/// <summary>
/// Turns raw feature values (NaN where a value is unknown) into a model's input under its <see cref="MissingInputPolicy"/>:
/// a missing value enters at the feature's training mean and is flagged; a decision with more than the policy's share of
/// its values imputed is refused with the reason. Thread-safe; allocates nothing on the hot path.
/// </summary>
public sealed class InputImputer
{
    private readonly IReadOnlyList<string> _features;
    private readonly float[] _means;
    private readonly MissingInputPolicy _policy;

    /// <summary>An imputer for a model of <paramref name="features"/> (in input order) and windows of <paramref name="lookback"/> dates.</summary>
    /// <param name="features">The model's features, in input order.</param>
    /// <param name="means">Each feature's training mean, in the same order.</param>
    /// <param name="lookback">Decision dates per input (1 for an MLP).</param>
    /// <param name="policy">The policy; <see cref="MissingInputPolicy.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The means do not match the features, or the policy is invalid.</exception>
    public InputImputer(IReadOnlyList<string> features, IReadOnlyList<double> means, int lookback, MissingInputPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        if (means.Count != features.Count)
        {
            throw new ArgumentException($"{means.Count} training means for {features.Count} features; the model card is inconsistent.", nameof(means));
        }

        _features = features;
        _means = [.. means.Select(m => (float)m)];
        _policy = policy ?? MissingInputPolicy.Default;
        _policy.Validate();
        Lookback = lookback;
    }

    /// <summary>Decision dates per input.</summary>
    public int Lookback { get; }

    /// <summary>Values per input: <see cref="Lookback"/> x features.</summary>
    public int Width => Lookback * _features.Count;

    /// <summary>The policy applied.</summary>
    public MissingInputPolicy Policy => _policy;

    /// <summary>
    /// Fills <paramref name="input"/> from <paramref name="raw"/> (the window's values, oldest date first, NaN or infinity where
    /// unknown), imputing missing values at their training mean.
    /// </summary>
    /// <param name="raw">The raw values, <see cref="Width"/> of them.</param>
    /// <param name="input">Receives the model's input, <see cref="Width"/> values.</param>
    /// <returns>How many values were imputed, and the refusal when they are more than the policy allows.</returns>
    /// <exception cref="ArgumentException">A span has another length than <see cref="Width"/>.</exception>
    public Imputation Fill(ReadOnlySpan<double> raw, Span<float> input)
    {
        if (raw.Length != Width || input.Length != Width)
        {
            throw new ArgumentException($"An input has {Width} values ({Lookback} x {_features.Count} features); got {raw.Length} raw values and room for {input.Length}.");
        }

        int imputed = 0, features = _features.Count;
        for (int i = 0; i < raw.Length; i++)
        {
            double value = raw[i];
            if (double.IsFinite(value) && float.IsFinite((float)value))
            {
                input[i] = (float)value;
            }
            else
            {
                input[i] = _means[i % features];
                imputed++;
            }
        }

        double share = (double)imputed / raw.Length;
        return share > _policy.MaxImputedShare
            ? new Imputation(imputed, string.Create(CultureInfo.InvariantCulture,
                $"{imputed} of the {raw.Length} input values are unknown ({share:P0}), more than the model's policy allows ({_policy.MaxImputedShare:P0}): no decision"))
            : new Imputation(imputed, null);
    }

    /// <summary>The names of the features imputed in <paramref name="raw"/> (each once, in input order), for records and answers.</summary>
    public IReadOnlyList<string> ImputedFeatures(ReadOnlySpan<double> raw)
    {
        var names = new List<string>();
        int features = _features.Count;
        for (int f = 0; f < features; f++)
        {
            for (int step = 0; step < Lookback; step++)
            {
                double value = raw[(step * features) + f];
                if (!double.IsFinite(value) || !float.IsFinite((float)value))
                {
                    names.Add(_features[f]);
                    break;
                }
            }
        }

        return names;
    }
}
