namespace MacroLab.Causal.Learners;

/// <summary>The regressor that <see cref="CrossValidatedRegressionLearner"/> chose, refitted on every row, with the evidence for the choice.</summary>
public sealed class CrossValidatedRegressionModel : IRegressionModel
{
    private readonly IRegressionModel _model;

    internal CrossValidatedRegressionModel(IRegressionModel model, string chosen, IReadOnlyList<CandidateScore> scores)
    {
        _model = model;
        Chosen = chosen;
        Scores = scores;
    }

    /// <summary>The name of the chosen learner (a boosted one with its early-stopped tree count).</summary>
    public string Chosen { get; }

    /// <summary>Every candidate that could be cross-validated, with its out-of-fold loss, in the order given.</summary>
    public IReadOnlyList<CandidateScore> Scores { get; }

    /// <inheritdoc />
    public double Predict(ReadOnlySpan<double> x) => _model.Predict(x);
}
