using MathNet.Numerics.LinearAlgebra;

namespace MacroLab.Causal.Learners;

/// <summary>
/// Weighted linear regression with an intercept: minimises sum_i w_i (y_i - b0 - z_i b)^2 + lambda W ||b||^2 on covariates
/// standardised with weighted means and deviations (W = sum of weights, so lambda does not depend on the sample size or the
/// units of X). Lambda 0 is ordinary (weighted) least squares. Solved by a QR factorisation (MathNet.Numerics) of the
/// weighted, penalty-augmented design, never by normal equations.
/// </summary>
public sealed class RidgeRegressionLearner : IRegressionLearner
{
    /// <summary>Ordinary least squares (no penalty).</summary>
    public static RidgeRegressionLearner Ols { get; } = new(0);

    /// <summary>A learner with penalty <paramref name="lambda"/> (0 for OLS).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Lambda is negative or not finite.</exception>
    public RidgeRegressionLearner(double lambda)
    {
        if (!(lambda >= 0) || !double.IsFinite(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The ridge penalty must be finite and non-negative.");
        }

        Lambda = lambda;
    }

    /// <summary>The penalty.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public string Name => Lambda == 0 ? "ols" : $"ridge({Lambda})";

    /// <inheritdoc />
    public int MinimumRows(int featureCount) => Lambda == 0 ? featureCount + 2 : 2;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">With lambda 0, the covariates are collinear in this sample.</exception>
    public IRegressionModel Fit(LearningProblem problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int n = problem.Count, p = problem.FeatureCount;
        var scale = Standardizer.Fit(problem);
        double totalWeight = 0;
        foreach (double w in problem.Weights)
        {
            totalWeight += w;
        }

        int penaltyRows = Lambda > 0 ? p : 0;
        Matrix<double> design = Matrix<double>.Build.Dense(n + penaltyRows, p + 1);
        Vector<double> target = Vector<double>.Build.Dense(n + penaltyRows);
        for (int i = 0; i < n; i++)
        {
            double root = Math.Sqrt(problem.Weights[i]);
            ReadOnlySpan<double> row = problem.Row(i);
            design[i, 0] = root;
            for (int j = 0; j < p; j++)
            {
                design[i, j + 1] = root * scale.Apply(row, j);
            }

            target[i] = root * problem.Targets[i];
        }

        for (int j = 0; j < penaltyRows; j++)
        {
            design[n + j, j + 1] = Math.Sqrt(Lambda * totalWeight);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var qr = design.QR();
        Vector<double> coefficients = qr.Solve(target);
        if (coefficients.Any(c => !double.IsFinite(c)) || (Lambda == 0 && qr.R.Diagonal().AbsoluteMinimum() < 1e-10 * Math.Sqrt(totalWeight)))
        {
            throw new ArgumentException($"The covariates are collinear in a sample of {n} rows; drop a covariate or use a ridge penalty.");
        }

        return new Model(scale, coefficients.ToArray());
    }

    private sealed class Model(Standardizer scale, double[] coefficients) : IRegressionModel
    {
        public double Predict(ReadOnlySpan<double> x)
        {
            double value = coefficients[0];
            for (int j = 1; j < coefficients.Length; j++)
            {
                value += coefficients[j] * scale.Apply(x, j - 1);
            }

            return value;
        }
    }
}
