namespace MacroLab.Causal.Learners;

/// <summary>
/// What a base learner fits: covariate rows (row-major), one target per row (a real number for regression, 0 or 1 for
/// classification), positive weights, and a seed for learners with randomness.
/// </summary>
public sealed class LearningProblem
{
    private readonly double[] _x;
    private readonly double[] _targets;
    private readonly double[] _weights;

    /// <summary>A problem over copies of the given arrays.</summary>
    /// <param name="rows">Row-major covariates, <paramref name="targets"/>.Length x <paramref name="featureCount"/> values.</param>
    /// <param name="featureCount">Covariates per row.</param>
    /// <param name="targets">One target per row.</param>
    /// <param name="weights">One positive weight per row, or null for 1.</param>
    /// <param name="seed">The seed of this fit.</param>
    /// <exception cref="ArgumentException">The sizes disagree.</exception>
    public LearningProblem(ReadOnlySpan<double> rows, int featureCount, ReadOnlySpan<double> targets, ReadOnlySpan<double> weights, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        if (rows.Length != targets.Length * featureCount || (!weights.IsEmpty && weights.Length != targets.Length))
        {
            throw new ArgumentException($"{targets.Length} targets need {targets.Length * featureCount} covariate values and as many weights.");
        }

        _x = rows.ToArray();
        _targets = targets.ToArray();
        _weights = weights.IsEmpty ? [.. Enumerable.Repeat(1.0, targets.Length)] : weights.ToArray();
        FeatureCount = featureCount;
        Seed = seed;
    }

    /// <summary>The number of rows.</summary>
    public int Count => _targets.Length;

    /// <summary>Covariates per row.</summary>
    public int FeatureCount { get; }

    /// <summary>The seed for this fit (derived from the estimator's seed, the stage, the arm and the resample).</summary>
    public int Seed { get; }

    /// <summary>All covariates, row-major.</summary>
    public ReadOnlySpan<double> Rows => _x;

    /// <summary>The covariates of one row.</summary>
    public ReadOnlySpan<double> Row(int row) => _x.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>All targets.</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>All weights.</summary>
    public ReadOnlySpan<double> Weights => _weights;
}
