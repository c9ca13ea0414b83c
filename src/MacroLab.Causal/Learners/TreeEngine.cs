namespace MacroLab.Causal.Learners;

/// <summary>The gradient-boosting library behind <see cref="GradientBoostedTreesLearner"/>.</summary>
public enum TreeEngine
{
    /// <summary>LightGBM through Microsoft.ML.LightGbm.</summary>
    LightGbm,

    /// <summary>ML.NET's own FastTree.</summary>
    FastTree,
}
