using MacroLab.Causal.Learners;

namespace MacroLab.Causal.MetaLearners;

/// <summary>
/// Meta-learners by name, for command lines and configuration files: <c>x</c> (X-Learner), <c>t</c> or <c>s</c>, with
/// <c>linear</c> base learners (ridge regression with a light penalty and logistic propensity) or <c>gbm</c> (ML.NET
/// gradient-boosted trees, regularised, with the effect preset in the X-Learner's second stage).
/// </summary>
public static class CateEstimators
{
    /// <summary>The penalty of the linear base learners: light, to stay near least squares while tolerating collinear covariates.</summary>
    public const double LinearPenalty = 0.01;

    /// <summary>The meta-learner names.</summary>
    public static IReadOnlyList<string> Learners { get; } = ["x", "t", "s"];

    /// <summary>The base-learner names.</summary>
    public static IReadOnlyList<string> BaseLearners { get; } = ["linear", "gbm"];

    /// <summary>Creates a meta-learner.</summary>
    /// <param name="learner"><c>x</c>, <c>t</c> or <c>s</c>.</param>
    /// <param name="baseLearners"><c>linear</c> or <c>gbm</c>.</param>
    /// <param name="options">Propensity clipping, folds and the seed; defaults when null.</param>
    /// <exception cref="ArgumentException">A name is unknown (the message lists the choices).</exception>
    public static ICateEstimator Create(string learner = "x", string baseLearners = "linear", MetaLearnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(baseLearners);
        options ??= new MetaLearnerOptions();
        (IRegressionLearner outcome, IRegressionLearner effect) = baseLearners switch
        {
            "linear" => ((IRegressionLearner)new RidgeRegressionLearner(LinearPenalty), (IRegressionLearner)new RidgeRegressionLearner(LinearPenalty)),
            "gbm" => (new GradientBoostedTreesLearner(), GradientBoostedTreesLearner.ForEffects),
            _ => throw new ArgumentException($"The base learners must be linear or gbm, not '{baseLearners}'.", nameof(baseLearners)),
        };
        return learner switch
        {
            "x" => new XLearner(outcome, effect, options: options),
            "t" => new TLearner(outcome, options),
            "s" => new SLearner(outcome, options),
            _ => throw new ArgumentException($"The meta-learner must be x, t or s, not '{learner}'.", nameof(learner)),
        };
    }
}
