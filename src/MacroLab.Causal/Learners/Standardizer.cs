namespace MacroLab.Causal.Learners;

/// <summary>Weighted column means and standard deviations, so that penalties do not depend on the units of X.</summary>
internal sealed class Standardizer
{
    private readonly double[] _means;
    private readonly double[] _scales;

    private Standardizer(double[] means, double[] scales)
    {
        _means = means;
        _scales = scales;
    }

    public static Standardizer Fit(LearningProblem problem)
    {
        int p = problem.FeatureCount;
        var means = new double[p];
        var scales = new double[p];
        double total = 0;
        ReadOnlySpan<double> w = problem.Weights;
        for (int i = 0; i < problem.Count; i++)
        {
            total += w[i];
            ReadOnlySpan<double> row = problem.Row(i);
            for (int j = 0; j < p; j++)
            {
                means[j] += w[i] * row[j];
            }
        }

        for (int j = 0; j < p; j++)
        {
            means[j] /= total;
        }

        for (int i = 0; i < problem.Count; i++)
        {
            ReadOnlySpan<double> row = problem.Row(i);
            for (int j = 0; j < p; j++)
            {
                double d = row[j] - means[j];
                scales[j] += w[i] * d * d;
            }
        }

        for (int j = 0; j < p; j++)
        {
            double sd = Math.Sqrt(scales[j] / total);
            scales[j] = sd > 1e-12 ? sd : 1; // a constant column stays 0 after centring
        }

        return new Standardizer(means, scales);
    }

    public double Apply(ReadOnlySpan<double> x, int column) => (x[column] - _means[column]) / _scales[column];
}
