using MacroLab.Causal.Bootstrap;

namespace MacroLab.Causal.MetaLearners;

/// <summary>Options shared by the meta-learners.</summary>
public sealed record MetaLearnerOptions
{
    /// <summary>The master seed; every fit's seed is derived from it, the stage, the arm and the resample. 0 by default.</summary>
    public int Seed { get; set; }

    /// <summary>Propensities are clipped to [clip, 1 - clip] (CausalML's default, 1e-3).</summary>
    public double PropensityClip { get; set; } = 1e-3;

    /// <summary>
    /// With K &gt;= 2, the X-Learner's imputed effects use stage-1 models fitted without the row's own fold (K contiguous
    /// folds in row order, so neighbouring dates do not inform each other's imputation); 0 (default) fits stage 1 once.
    /// </summary>
    public int CrossFitFolds { get; set; }

    /// <summary>Bootstrap intervals; null (default) for point estimates only.</summary>
    public BootstrapOptions? Bootstrap { get; set; }

    /// <summary>Throws when a field is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate()
    {
        if (!(PropensityClip is > 0 and < 0.5))
        {
            throw new ArgumentException($"{nameof(PropensityClip)} is {PropensityClip}; it must be in (0, 0.5).");
        }

        if (CrossFitFolds is 1 or < 0)
        {
            throw new ArgumentException($"{nameof(CrossFitFolds)} is {CrossFitFolds}; use 0 (off) or at least 2 folds.");
        }

        Bootstrap?.Validate();
    }
}
