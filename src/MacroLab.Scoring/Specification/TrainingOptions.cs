namespace MacroLab.Models.Training;

/// <summary>
/// How a tilt model is trained. Everything random (initial weights, dropout masks, batch order) draws from generators seeded
/// by <see cref="Seed"/>, never from a global one, and every tensor operation runs on <see cref="Threads"/> intra-op threads,
/// so the same samples, options and seed give bit-identical weights and losses on any machine and any ambient thread setting
/// (see <see cref="Threads"/>).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The seed; 42 by default.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// The number of intra-op threads TorchSharp uses while this model trains; 1 by default. The result depends on it (a
    /// parallel reduction sums in another order), so it is part of the reproducibility key and is recorded in the model
    /// card. The trainer sets it for the duration of the training and restores the previous setting; because it is a process
    /// setting, trainings that run at the same time in one process wait for each other when they ask for different counts.
    /// Use parallel trials (one thread each) rather than more threads for small macro models.
    /// </summary>
    public int Threads { get; set; } = 1;

    /// <summary>The most epochs; 200 by default.</summary>
    public int Epochs { get; set; } = 200;

    /// <summary>Samples per batch; 64 by default.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>The base learning rate; 1e-3 by default.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>The learning-rate schedule; cosine by default.</summary>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Cosine;

    /// <summary>Epochs of linear warm-up from a tenth of the base rate; 0 by default.</summary>
    public int WarmupEpochs { get; set; }

    /// <summary>The optimiser; AdamW by default.</summary>
    public TiltOptimizer Optimizer { get; set; } = TiltOptimizer.AdamW;

    /// <summary>Weight decay (L2 for Adam, decoupled for AdamW); 1e-2 by default.</summary>
    public double WeightDecay { get; set; } = 1e-2;

    /// <summary>The largest L2 norm of all gradients together before a step (clipped above it); null for no clipping. 1 by default.</summary>
    public double? GradientClipNorm { get; set; } = 1;

    /// <summary>The loss; MSE by default.</summary>
    public TiltLoss Loss { get; set; } = TiltLoss.Mse;

    /// <summary>The weight of the turnover term of <see cref="TiltLoss.NegativeSharpe"/>; 0.01 by default.</summary>
    public double TurnoverPenalty { get; set; } = 0.01;

    /// <summary>
    /// The fraction of samples, the latest in time, held out for validation and early stopping; 0.2 by default. The
    /// target-horizon samples (<c>TiltSamples.Horizon</c>) just before them are purged, so no training label overlaps a validation one.
    /// 0 trains on everything for all <see cref="Epochs"/>.
    /// </summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Epochs without a better validation loss before training stops; 20 by default. The best epoch's weights are kept.</summary>
    public int Patience { get; set; } = 20;

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is out of range.</exception>
    public void Validate()
    {
        static void Require(bool condition, string field, object value, string rule)
        {
            if (!condition)
            {
                throw new ArgumentException($"training.{field} is {value}; it must be {rule}.");
            }
        }

        Require(Threads >= 1, nameof(Threads), Threads, "at least 1");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(BatchSize >= 2, nameof(BatchSize), BatchSize, "at least 2");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "positive and finite");
        Require(WarmupEpochs >= 0 && WarmupEpochs < Epochs, nameof(WarmupEpochs), WarmupEpochs, "in [0, epochs)");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "non-negative and finite");
        Require(GradientClipNorm is null || (GradientClipNorm > 0 && double.IsFinite(GradientClipNorm.Value)), nameof(GradientClipNorm), GradientClipNorm!, "positive and finite, or null");
        Require(TurnoverPenalty >= 0 && double.IsFinite(TurnoverPenalty), nameof(TurnoverPenalty), TurnoverPenalty, "non-negative and finite");
        Require(ValidationFraction >= 0 && ValidationFraction < 0.9, nameof(ValidationFraction), ValidationFraction, "in [0, 0.9)");
        Require(Patience >= 1, nameof(Patience), Patience, "at least 1");
        Require(Enum.IsDefined(Loss), nameof(Loss), Loss, "Mse or NegativeSharpe");
        Require(Enum.IsDefined(Optimizer), nameof(Optimizer), Optimizer, "Adam or AdamW");
        Require(Enum.IsDefined(Schedule), nameof(Schedule), Schedule, "Constant, Cosine or Step");
    }
}
