using MathNet.Numerics.LinearAlgebra;

namespace MacroLab.Causal.Learners;

/// <summary>
/// Weighted logistic regression with an intercept, fitted by iteratively reweighted least squares (Newton's method) on
/// standardised covariates with a small L2 penalty lambda W ||b||^2 (default 1e-4) that keeps the fit finite when the
/// classes separate. Deterministic and single-threaded.
/// </summary>
public sealed class LogisticRegressionLearner : IClassificationLearner
{
    private const int MaxIterations = 100;

    /// <summary>A learner with penalty <paramref name="lambda"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Lambda is negative or not finite.</exception>
    public LogisticRegressionLearner(double lambda = 1e-4)
    {
        if (!(lambda >= 0) || !double.IsFinite(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The penalty must be finite and non-negative.");
        }

        Lambda = lambda;
    }

    /// <summary>The penalty.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public string Name => "logistic";

    /// <inheritdoc />
    public IClassificationModel Fit(LearningProblem problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int n = problem.Count, p = problem.FeatureCount + 1;
        var scale = Standardizer.Fit(problem);
        // The design row-major in a flat array and the Newton system in plain arrays: the loops below run n p^2 times per
        // iteration, and MathNet's indexers cost several times the arithmetic. MathNet solves the p x p system.
        var x = new double[n * p];
        double totalWeight = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = problem.Row(i);
            x[i * p] = 1;
            for (int j = 1; j < p; j++)
            {
                x[(i * p) + j] = scale.Apply(row, j - 1);
            }

            totalWeight += problem.Weights[i];
        }

        Vector<double> beta = Vector<double>.Build.Dense(p);
        double penalty = Lambda * totalWeight;
        var gradientValues = new double[p];
        var hessianValues = new double[p * p];
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(gradientValues);
            Array.Clear(hessianValues);
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> xi = x.AsSpan(i * p, p);
                double eta = 0;
                for (int j = 0; j < p; j++)
                {
                    eta += xi[j] * beta[j];
                }

                double probability = 1 / (1 + Math.Exp(-eta)), w = problem.Weights[i];
                double residual = w * (problem.Targets[i] - probability), curvature = w * probability * (1 - probability);
                for (int j = 0; j < p; j++)
                {
                    gradientValues[j] += xi[j] * residual;
                    Span<double> hessianRow = hessianValues.AsSpan(j * p, j + 1);
                    for (int k = 0; k <= j; k++)
                    {
                        hessianRow[k] += curvature * xi[j] * xi[k];
                    }
                }
            }

            Vector<double> gradient = Vector<double>.Build.Dense(gradientValues);
            Matrix<double> hessian = Matrix<double>.Build.Dense(p, p);
            for (int j = 0; j < p; j++)
            {
                for (int k = 0; k <= j; k++)
                {
                    hessian[j, k] = hessianValues[(j * p) + k];
                    hessian[k, j] = hessianValues[(j * p) + k];
                }

                if (j > 0)
                {
                    gradient[j] -= penalty * beta[j];
                    hessian[j, j] += penalty;
                }
                else
                {
                    hessian[j, j] += 1e-12 * totalWeight; // keeps the intercept's Newton step defined in an all-one-class sample
                }
            }

            Vector<double> step = hessian.Cholesky().Solve(gradient);
            beta += step;
            if (step.AbsoluteMaximum() < 1e-10)
            {
                break;
            }
        }

        return new Model(scale, beta.ToArray());
    }

    private sealed class Model(Standardizer scale, double[] beta) : IClassificationModel
    {
        public double Probability(ReadOnlySpan<double> x)
        {
            double eta = beta[0];
            for (int j = 1; j < beta.Length; j++)
            {
                eta += beta[j] * scale.Apply(x, j - 1);
            }

            return 1 / (1 + Math.Exp(-eta));
        }
    }
}
