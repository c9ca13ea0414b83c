using MacroLab.Causal.Learners;
using MacroLab.Causal.MetaLearners;

namespace MacroLab.Causal.Signals;

/// <summary>How walk-forward CATE signals are fitted through time.</summary>
public sealed record WalkForwardSignalOptions
{
    /// <summary>The outcome horizon in periods: a sample at s has the outcome over (s, s+h], known from s+h on. 1 by default.</summary>
    public int Horizon { get; init; } = 1;

    /// <summary>The fewest usable training samples before the first signal; 120 by default.</summary>
    public int MinTrainSamples { get; init; } = 120;

    /// <summary>Refit every this many decision dates (12: yearly on month ends); 12 by default.</summary>
    public int RefitEvery { get; init; } = 12;

    /// <summary>Train on the last this many samples (rolling); null (default) for all samples so far (expanding).</summary>
    public int? RollingWindow { get; init; }

    /// <summary>The estimator fitted at each refit; by default an X-Learner with lightly penalised ridge stages (lambda 0.01) and logistic propensity.</summary>
    public ICateEstimator Estimator { get; init; } = new XLearner(new RidgeRegressionLearner(0.01));

    /// <summary>
    /// When the estimator bootstraps (<see cref="MetaLearners.MetaLearnerOptions.Bootstrap"/>), each signal also gets the
    /// percentile interval of this two-sided level from the refit's resamples: 0.1 gives a 90 % interval. 0.1 by default.
    /// </summary>
    public double IntervalAlpha { get; init; } = 0.1;

    /// <summary>
    /// The most (refit, asset) fits at a time; null (default) for the processor count. The signals are identical for
    /// any value (a test checks it).
    /// </summary>
    public int? MaxParallelism { get; init; }

    /// <summary>Throws when a field is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate()
    {
        if (Horizon < 1)
        {
            throw new ArgumentException($"signals.{nameof(Horizon)} is {Horizon}; it must be at least 1.");
        }

        if (MinTrainSamples < 10)
        {
            throw new ArgumentException($"signals.{nameof(MinTrainSamples)} is {MinTrainSamples}; it must be at least 10.");
        }

        if (!(IntervalAlpha is > 0 and < 1))
        {
            throw new ArgumentException($"signals.{nameof(IntervalAlpha)} is {IntervalAlpha}; it must be in (0, 1).");
        }

        if (RefitEvery < 1)
        {
            throw new ArgumentException($"signals.{nameof(RefitEvery)} is {RefitEvery}; it must be at least 1.");
        }

        if (RollingWindow is { } window && window < MinTrainSamples)
        {
            throw new ArgumentException($"signals.{nameof(RollingWindow)} is {window}; it must be at least {nameof(MinTrainSamples)} ({MinTrainSamples}).");
        }

        if (MaxParallelism is < 1)
        {
            throw new ArgumentException($"signals.{nameof(MaxParallelism)} is {MaxParallelism}; it must be at least 1, or null for the processor count.");
        }

        ArgumentNullException.ThrowIfNull(Estimator, nameof(Estimator));
    }
}
