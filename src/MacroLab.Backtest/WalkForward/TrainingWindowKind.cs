namespace MacroLab.Backtest.WalkForward;

/// <summary>How the training window moves from fold to fold.</summary>
public enum TrainingWindowKind
{
    /// <summary>Every fold trains on all samples from the start of the data (anchored walk-forward).</summary>
    Expanding,

    /// <summary>Every fold trains on the most recent <see cref="WalkForwardOptions.TrainPeriods"/> samples.</summary>
    Rolling,
}
