namespace MacroLab.Causal.Learners;

/// <summary>One candidate's cross-validation result.</summary>
/// <param name="Learner">The candidate's name (a boosted one with its early-stopped tree count).</param>
/// <param name="OutOfFoldLoss">Its weighted mean squared error on the folds it did not see.</param>
public sealed record CandidateScore(string Learner, double OutOfFoldLoss);
