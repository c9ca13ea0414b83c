namespace MacroLab.Benchmarks;

/// <summary>The two sizes of the as-of benchmark.</summary>
public enum AsOfScale
{
    /// <summary>1,000 series x 50 years monthly, 10 vintages (each holding all history up to its release): 3.3 million observations, 600 month ends.</summary>
    Macro,

    /// <summary>100 series x 100,000 daily values with 10 % revisions: 10 million observations, 100,000 decision dates.</summary>
    Large,
}
