namespace MacroLab.Causal.Learners;

/// <summary>A probabilistic binary classifier (the propensity model): fits P(target = 1 | x). Deterministic given the seed.</summary>
public interface IClassificationLearner
{
    /// <summary>The learner's name.</summary>
    string Name { get; }

    /// <summary>Fits a model; targets are 0 or 1.</summary>
    IClassificationModel Fit(LearningProblem problem, CancellationToken cancellationToken);
}
