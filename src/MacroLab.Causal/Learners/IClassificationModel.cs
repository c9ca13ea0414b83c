namespace MacroLab.Causal.Learners;

/// <summary>A fitted probabilistic classifier. Thread-safe for prediction.</summary>
public interface IClassificationModel
{
    /// <summary>P(target = 1 | <paramref name="x"/>), in [0, 1].</summary>
    double Probability(ReadOnlySpan<double> x);
}
