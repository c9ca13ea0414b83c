namespace MacroLab.Causal.MetaLearners;

/// <summary>An estimator of conditional average treatment effects tau_k(x) = E[Y(k) - Y(0) | X = x] for each arm k.</summary>
public interface ICateEstimator
{
    /// <summary>The estimator's name, e.g. <c>x-learner(ols)</c>.</summary>
    string Name { get; }

    /// <summary>Fits the estimator (and its bootstrap, when configured).</summary>
    /// <exception cref="ArgumentException">An arm has fewer rows than a base learner needs, or a base learner cannot fit (the message names the arm and stage).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    CateModel Fit(CateData data, CancellationToken cancellationToken = default);
}
