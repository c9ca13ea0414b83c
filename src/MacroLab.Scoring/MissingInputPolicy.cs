namespace MacroLab.Scoring;

/// <summary>
/// What a model does at a decision whose inputs are not all known: the policy a model declares on its card, applied by the
/// backtest, <c>macrolab predict</c>, the inference API and the pipeline's decisions through one piece of code
/// (<see cref="InputImputer"/>).
/// </summary>
/// <remarks>
/// Point-in-time features already carry a value forward while it is fresh: a feature is missing at a decision only when
/// nothing is known yet, or when its newest known period is older than the feature's staleness limit. The policy then
/// enters a missing input at its training mean (the model's "no news"), and flags it; when more than
/// <see cref="MaxImputedShare"/> of the values a decision needs (features x lookback window) are imputed, the decision is
/// refused with the reason rather than made from the training means. A refused decision is recorded, never skipped.
/// </remarks>
public sealed record MissingInputPolicy
{
    /// <summary>The policy of models whose card declares none: the defaults below.</summary>
    public static MissingInputPolicy Default { get; } = new();

    /// <summary>The largest share, from 0 to 1, of a decision's input values that may be imputed; beyond it the decision is refused.</summary>
    /// <value>Default: 0.25 (a quarter).</value>
    public double MaxImputedShare { get; init; } = 0.25;

    /// <summary>Throws when the policy is out of range.</summary>
    /// <exception cref="ArgumentException"><see cref="MaxImputedShare"/> is outside [0, 1].</exception>
    public void Validate()
    {
        if (!(MaxImputedShare is >= 0 and <= 1))
        {
            throw new ArgumentException($"MissingInputPolicy.MaxImputedShare is {MaxImputedShare}; it must be from 0 to 1.");
        }
    }
}
