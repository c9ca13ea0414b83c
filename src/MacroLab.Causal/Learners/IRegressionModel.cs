namespace MacroLab.Causal.Learners;

/// <summary>A fitted regressor. Thread-safe for prediction.</summary>
public interface IRegressionModel
{
    /// <summary>The prediction at <paramref name="x"/>.</summary>
    double Predict(ReadOnlySpan<double> x);
}
