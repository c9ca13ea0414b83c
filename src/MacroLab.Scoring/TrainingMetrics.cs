namespace MacroLab.Scoring;

/// <summary>How training went.</summary>
/// <param name="Loss">The loss that was minimised (Mse or NegativeSharpe).</param>
/// <param name="TrainingLoss">The loss on the training samples with the kept weights (evaluation mode).</param>
/// <param name="ValidationLoss">The loss on the validation samples with the kept weights, or null.</param>
/// <param name="TrivialValidationLoss">
/// The loss of the trivial model on the validation samples, or null: zero tilts for MSE, equal tilts at the gross limit for
/// the negative Sharpe. A model that does not beat it has learnt nothing usable.
/// </param>
/// <param name="BestEpoch">The epoch whose weights were kept.</param>
/// <param name="EpochsRun">The epochs run before stopping.</param>
/// <param name="StoppedEarly">Whether early stopping ended training before the last epoch.</param>
public sealed record TrainingMetrics(string Loss, double TrainingLoss, double? ValidationLoss, double? TrivialValidationLoss, int BestEpoch, int EpochsRun, bool StoppedEarly);
