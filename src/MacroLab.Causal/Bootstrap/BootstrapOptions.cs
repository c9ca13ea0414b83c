namespace MacroLab.Causal.Bootstrap;

/// <summary>
/// Bootstrap intervals: the whole meta-learner is refitted on resamples drawn within each treatment arm (stratified, so
/// every resample keeps each arm's size), either row by row or, for time-ordered data, in circular blocks of consecutive
/// rows of the arm. Resample r uses a seed derived from the estimator's seed and r only, so results do not depend on how
/// many resamples run at once.
/// </summary>
public sealed record BootstrapOptions
{
    /// <summary>The number of resamples; 100 by default (as EconML).</summary>
    public int Resamples { get; set; } = 100;

    /// <summary>Block length in rows for a block bootstrap of time-ordered rows; null for the iid bootstrap.</summary>
    public int? BlockLength { get; set; }

    /// <summary>The most resamples fitted at once; null for the processor count. Does not change results.</summary>
    public int? MaxParallelism { get; set; }

    /// <summary>Throws when a field is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate()
    {
        if (Resamples < 2)
        {
            throw new ArgumentException($"bootstrap.{nameof(Resamples)} is {Resamples}; it must be at least 2.");
        }

        if (BlockLength is < 1)
        {
            throw new ArgumentException($"bootstrap.{nameof(BlockLength)} is {BlockLength}; it must be at least 1.");
        }

        if (MaxParallelism is < 1)
        {
            throw new ArgumentException($"bootstrap.{nameof(MaxParallelism)} is {MaxParallelism}; it must be at least 1.");
        }
    }
}
