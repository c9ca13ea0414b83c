namespace MacroLab.Models.Training;

/// <summary>What training minimises.</summary>
public enum TiltLoss
{
    /// <summary>
    /// Mean squared error between each tilt and the asset's forward excess return divided by that asset's standard deviation
    /// in the training samples (so every asset weighs the same and targets are of order 1).
    /// </summary>
    Mse,

    /// <summary>
    /// Minus the Sharpe ratio of the portfolio returns sum_a w_{t,a} r_{t,a} over a batch of consecutive decision dates, plus
    /// <see cref="TrainingOptions.TurnoverPenalty"/> x the mean of sum_a |w_{t,a} - w_{t-1,a}| over the batch. Batches are
    /// contiguous in time (their order is shuffled), so turnover is measured between neighbouring dates.
    /// </summary>
    NegativeSharpe,
}
