using MacroLab.Causal.Learners;

namespace MacroLab.Causal.MetaLearners;

/// <summary>
/// Meta-learners by name, for command lines and configuration files: <c>x</c> (X-Learner), <c>t</c> or <c>s</c>, with
/// <c>linear</c> base learners (ridge regression with a light penalty and logistic propensity), <c>gbm</c> (ML.NET
/// gradient-boosted trees, regularised, with the effect preset in the X-Learner's second stage), or <c>auto</c>: every
/// regression stage chooses between them by 5-fold cross-validation, the trees early-stopped by the same folds
/// (<see cref="CrossValidatedRegressionLearner"/>).
/// </summary>
public static class CateEstimators
{
    /// <summary>The penalty of the linear base learners: light, to stay near least squares while tolerating collinear covariates.</summary>
    public const double LinearPenalty = 0.01;

    /// <summary>The meta-learner names.</summary>
    public static IReadOnlyList<string> Learners { get; } = ["x", "t", "s"];

    /// <summary>The base-learner names.</summary>
    public static IReadOnlyList<string> BaseLearners { get; } = ["linear", "gbm", "auto"];

    /// <summary>The most trees a cross-validated boosted candidate grows; early stopping chooses how many are kept.</summary>
    internal const int MaximumTrees = 400;

    /// <summary><c>auto</c>'s outcome stages: ridge, or trees (8 leaves, or the 4-leaf effect preset), early-stopped.</summary>
    internal static CrossValidatedRegressionLearner AutoOutcomeLearner =>
        new([new RidgeRegressionLearner(LinearPenalty), new GradientBoostedTreesLearner().WithTrees(MaximumTrees), GradientBoostedTreesLearner.ForEffects.WithTrees(MaximumTrees)]);

    /// <summary><c>auto</c>'s effect stage (the X-Learner's imputed effects): ridge, or the effect preset, early-stopped.</summary>
    internal static CrossValidatedRegressionLearner AutoEffectLearner =>
        new([new RidgeRegressionLearner(LinearPenalty), GradientBoostedTreesLearner.ForEffects.WithTrees(MaximumTrees)]);

    /// <summary>Creates a meta-learner.</summary>
    /// <param name="learner"><c>x</c>, <c>t</c> or <c>s</c>.</param>
    /// <param name="baseLearners"><c>linear</c>, <c>gbm</c> or <c>auto</c>.</param>
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
            "auto" => (AutoOutcomeLearner, AutoEffectLearner),
            _ => throw new ArgumentException($"The base learners must be linear, gbm or auto, not '{baseLearners}'.", nameof(baseLearners)),
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
