namespace MacroLab.Causal.Learners;

/// <summary>
/// A boosted regressor whose prefixes are models too: prediction after each of its first stages (trees), so that
/// cross-validation can choose the number of stages from one fit per fold.
/// </summary>
internal interface IStagedRegressionModel : IRegressionModel
{
    /// <summary>
    /// Writes the prediction after stage 1, 2, ... into <paramref name="predictions"/>; stages beyond the ensemble's
    /// last repeat its final prediction.
    /// </summary>
    void PredictStages(ReadOnlySpan<double> x, Span<double> predictions);
}
