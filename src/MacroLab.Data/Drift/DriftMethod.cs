namespace MacroLab.Data.Drift;

/// <summary>A statistical test or distance that decides whether a column has drifted (Evidently's names in brackets).</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov-Smirnov test (<c>ks</c>): drift when the p-value is at most the threshold (0.05).</summary>
    KolmogorovSmirnov,

    /// <summary>Pearson chi-square test of the current counts against the reference shares (<c>chisquare</c>): drift when p &lt; threshold (0.05).</summary>
    ChiSquare,

    /// <summary>Two-proportion Z test for a two-valued column (<c>z</c>): drift when p &lt; threshold (0.05).</summary>
    ProportionZ,

    /// <summary>Wasserstein-1 distance divided by the reference's population standard deviation (<c>wasserstein</c>): drift when at least the threshold (0.1).</summary>
    Wasserstein,

    /// <summary>Jensen-Shannon distance of the binned distributions, natural log (<c>jensenshannon</c>): drift when at least the threshold (0.1).</summary>
    JensenShannon,

    /// <summary>Population stability index of the binned distributions (<c>psi</c>): drift when at least the threshold (0.1).</summary>
    Psi,
}
