namespace MacroLab.Backtest;

/// <summary>
/// A way of choosing asset weights, refitted in every walk-forward fold: built-in baselines, the TorchSharp models of
/// MacroLab.Models, or a user's own. Implementations must be deterministic: the same training set gives the same model.
/// </summary>
public interface ITiltStrategy
{
    /// <summary>The strategy's name, for reports.</summary>
    string Name { get; }

    /// <summary>Every parameter that changes its behaviour, for reproducibility and trial identity.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>
    /// The horizon in periods of the labels it learns from; 0 for strategies that do not learn. The walk-forward purge must be
    /// at least this long.
    /// </summary>
    int LabelHorizon { get; }

    /// <summary>Fits a model on the samples known before a test window.</summary>
    /// <exception cref="LookAheadException">The strategy asked for data it may not see.</exception>
    ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken);
}
