using MathNet.Numerics.Statistics;

namespace MacroLab.Causal.MetaLearners;

/// <summary>
/// A fitted meta-learner: the effect of each arm against control at any covariates, with percentile bootstrap intervals
/// when it was fitted with <see cref="MetaLearnerOptions.Bootstrap"/>. Thread-safe.
/// </summary>
public sealed class CateModel
{
    private readonly IArmEffect[] _arms;          // index k-1 for arm k
    private readonly IArmEffect[][]? _resamples;  // [resample][k-1]
    private readonly CateData _training;

    internal CateModel(string estimator, CateData training, IArmEffect[] arms, IArmEffect[][]? resamples, IReadOnlyList<string> warnings)
    {
        Estimator = estimator;
        _training = training;
        _arms = arms;
        _resamples = resamples;
        Warnings = warnings;
    }

    /// <summary>The estimator that made this model.</summary>
    public string Estimator { get; }

    /// <summary>The number of arms including control.</summary>
    public int ArmCount => _arms.Length + 1;

    /// <summary>The number of bootstrap resamples (0 without intervals).</summary>
    public int Resamples => _resamples?.Length ?? 0;

    /// <summary>The covariate names it was fitted on, in the order <see cref="Effect(ReadOnlySpan{double}, int)"/> expects.</summary>
    public IReadOnlyList<string> FeatureNames => _training.FeatureNames;

    /// <summary>Diagnostics worth reading, e.g. poor overlap of the propensities.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>tau_arm(x) for one row of covariates.</summary>
    /// <exception cref="ArgumentException">The row has the wrong number of covariates or the arm does not exist.</exception>
    public double Effect(ReadOnlySpan<double> x, int arm = 1)
    {
        Check(x.Length, arm);
        return _arms[arm - 1].Effect(x);
    }

    /// <summary>tau_arm(x) for each row of <paramref name="x"/>.</summary>
    public double[] Effect(double[,] x, int arm = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        Check(x.GetLength(1), arm);
        var effects = new double[x.GetLength(0)];
        var row = new double[x.GetLength(1)];
        for (int i = 0; i < effects.Length; i++)
        {
            CopyRow(x, i, row);
            effects[i] = _arms[arm - 1].Effect(row);
        }

        return effects;
    }

    /// <summary>The percentile bootstrap interval of tau_arm(x) at level 1 - <paramref name="alpha"/>, for each row of <paramref name="x"/>.</summary>
    /// <exception cref="InvalidOperationException">The model was fitted without a bootstrap.</exception>
    public Interval[] EffectInterval(double[,] x, double alpha = 0.1, int arm = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        Check(x.GetLength(1), arm);
        IArmEffect[][] resamples = RequireBootstrap(alpha);
        var intervals = new Interval[x.GetLength(0)];
        var row = new double[x.GetLength(1)];
        var draws = new double[resamples.Length];
        for (int i = 0; i < intervals.Length; i++)
        {
            CopyRow(x, i, row);
            for (int r = 0; r < draws.Length; r++)
            {
                draws[r] = resamples[r][arm - 1].Effect(row);
            }

            intervals[i] = Percentiles(draws, alpha);
        }

        return intervals;
    }

    /// <summary>The average treatment effect of the arm: the weighted mean of tau_arm(x) over the training rows.</summary>
    public double Ate(int arm = 1)
    {
        Check(_training.FeatureCount, arm);
        return AteOf(_arms[arm - 1]);
    }

    /// <summary>The percentile bootstrap interval of the ATE: each resample's model averaged over the training rows.</summary>
    /// <exception cref="InvalidOperationException">The model was fitted without a bootstrap.</exception>
    public Interval AteInterval(double alpha = 0.1, int arm = 1)
    {
        Check(_training.FeatureCount, arm);
        IArmEffect[][] resamples = RequireBootstrap(alpha);
        return Percentiles([.. resamples.Select(r => AteOf(r[arm - 1]))], alpha);
    }

    private double AteOf(IArmEffect effect)
    {
        double sum = 0, weights = 0;
        for (int i = 0; i < _training.Count; i++)
        {
            sum += _training.Weight(i) * effect.Effect(_training.Row(i));
            weights += _training.Weight(i);
        }

        return sum / weights;
    }

    private IArmEffect[][] RequireBootstrap(double alpha)
    {
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1); 0.1 gives a 90% interval.");
        }

        return _resamples ?? throw new InvalidOperationException("This model was fitted without a bootstrap; set MetaLearnerOptions.Bootstrap to get intervals.");
    }

    private static Interval Percentiles(double[] draws, double alpha) => new(
        Statistics.QuantileCustom(draws, alpha / 2, QuantileDefinition.R7),
        Statistics.QuantileCustom(draws, 1 - (alpha / 2), QuantileDefinition.R7));

    private void Check(int columns, int arm)
    {
        if (columns != _training.FeatureCount)
        {
            throw new ArgumentException($"The model was fitted on {_training.FeatureCount} covariates ({string.Join(", ", _training.FeatureNames)}); {columns} given.");
        }

        if (arm < 1 || arm > _arms.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(arm), arm, $"Arms are 1 to {_arms.Length} (0 is control).");
        }
    }

    private static void CopyRow(double[,] x, int row, double[] into)
    {
        for (int j = 0; j < into.Length; j++)
        {
            into[j] = x[row, j];
        }
    }
}
