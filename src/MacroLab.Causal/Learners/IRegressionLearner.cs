namespace MacroLab.Causal.Learners;

/// <summary>A base regressor of the meta-learners: fits E[target | x]. Must be deterministic given the problem's seed.</summary>
public interface IRegressionLearner
{
    /// <summary>The learner's name, for messages and reports.</summary>
    string Name { get; }

    /// <summary>The fewest rows it can fit.</summary>
    int MinimumRows(int featureCount);

    /// <summary>Fits a model.</summary>
    IRegressionModel Fit(LearningProblem problem, CancellationToken cancellationToken);
}
