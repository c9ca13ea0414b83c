using System.Buffers;
using System.Globalization;

namespace MacroLab.Backtest.Strategies;

/// <summary>
/// A linear baseline that learns: for each risky asset, ridge regression of its <c>horizon</c>-period return in excess of the
/// risk-free asset on the standardised features, then w_i = 1/N + tiltScale x pred_i / sum_j |pred_j|, funded from the
/// risk-free asset. Features are those finite in at least <c>minCoverage</c> of the training samples and not constant;
/// standardisation uses training means and deviations only, and missing values are imputed with the training mean (0 after
/// standardising). The penalty is lambda x n on the standardised coefficients (intercept free), so its strength does not
/// drift as the expanding window grows. Solved with a Cholesky factorisation of Z'Z + lambda n I (<see cref="RidgeSolver"/>).
/// </summary>
internal sealed class RidgeTiltStrategy : ITiltStrategy
{
    private readonly double _lambda, _tiltScale, _minCoverage;

    public RidgeTiltStrategy(double lambda, int horizon, double tiltScale, double minCoverage)
    {
        _lambda = lambda;
        LabelHorizon = horizon;
        _tiltScale = tiltScale;
        _minCoverage = minCoverage;
        Parameters = new Dictionary<string, string>
        {
            ["lambda"] = lambda.ToString("R", CultureInfo.InvariantCulture),
            ["horizon"] = horizon.ToString(CultureInfo.InvariantCulture),
            ["tiltScale"] = tiltScale.ToString("R", CultureInfo.InvariantCulture),
            ["minCoverage"] = minCoverage.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    public string Name => "ridge";

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public int LabelHorizon { get; }

    public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(training);
        int n = training.Count, riskFree = training.RiskFreeAsset;
        int[] risky = [.. Enumerable.Range(0, training.AssetCount).Where(a => a != riskFree)];
        if (n < 2)
        {
            throw new ArgumentException($"Strategy '{Name}' needs at least 2 training samples; the fold before {training.DecisionRow} has {n}.");
        }

        // Feature selection and standardisation from the training samples only.
        var columns = new List<int>();
        var means = new List<double>();
        var deviations = new List<double>();
        for (int f = 0; f < training.FeatureCount; f++)
        {
            double sum = 0, sumSquares = 0;
            int finite = 0;
            for (int k = 0; k < n; k++)
            {
                double value = training.Features(k)[f];
                if (double.IsFinite(value))
                {
                    finite++;
                    sum += value;
                }
            }

            if (finite < 2 || finite < _minCoverage * n)
            {
                continue;
            }

            double mean = sum / finite;
            for (int k = 0; k < n; k++)
            {
                double value = training.Features(k)[f];
                sumSquares += double.IsFinite(value) ? (value - mean) * (value - mean) : 0;
            }

            double deviation = Math.Sqrt(sumSquares / (finite - 1));
            if (deviation > 1e-12)
            {
                columns.Add(f);
                means.Add(mean);
                deviations.Add(deviation);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        int p = columns.Count, q = risky.Length;

        // The design matrix is large (hundreds of KB per fold, on the large-object heap): rent it, and use only its first n x p.
        double[] zBuffer = ArrayPool<double>.Shared.Rent(n * p), yBuffer = ArrayPool<double>.Shared.Rent(n * q);
        try
        {
            Span<double> z = zBuffer.AsSpan(0, n * p), y = yBuffer.AsSpan(0, n * q);
            return FitCentred(training, columns, means, deviations, risky, riskFree, z, y);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(zBuffer);
            ArrayPool<double>.Shared.Return(yBuffer);
        }
    }

    private Model FitCentred(
        TrainingSet training, List<int> columns, List<double> means, List<double> deviations, int[] risky, int riskFree, Span<double> z, Span<double> y)
    {
        int n = training.Count, p = columns.Count, q = risky.Length;
        var zMean = new double[p];
        var yMean = new double[q];
        for (int k = 0; k < n; k++)
        {
            ReadOnlySpan<double> features = training.Features(k);
            for (int j = 0; j < p; j++)
            {
                double value = features[columns[j]];
                double standardised = double.IsFinite(value) ? (value - means[j]) / deviations[j] : 0;
                z[(k * p) + j] = standardised;
                zMean[j] += standardised;
            }

            ReadOnlySpan<double> labels = training.Labels(k);
            for (int a = 0; a < q; a++)
            {
                double excess = labels[risky[a]] - (riskFree >= 0 ? labels[riskFree] : 0);
                y[(k * q) + a] = excess;
                yMean[a] += excess;
            }
        }

        // Centre so the intercept is not penalised: intercept = mean(y) - mean(z) beta.
        for (int j = 0; j < p; j++)
        {
            zMean[j] /= n;
        }

        for (int a = 0; a < q; a++)
        {
            yMean[a] /= n;
        }

        for (int k = 0; k < n; k++)
        {
            for (int j = 0; j < p; j++)
            {
                z[(k * p) + j] -= zMean[j];
            }

            for (int a = 0; a < q; a++)
            {
                y[(k * q) + a] -= yMean[a];
            }
        }

        double[] beta = RidgeSolver.Solve(z, y, n, p, q, _lambda * n);
        return new Model(this, [.. columns], [.. means], [.. deviations], zMean, yMean, beta, risky);
    }

    private sealed class Model(RidgeTiltStrategy strategy, int[] columns, double[] means, double[] deviations, double[] zMean, double[] yMean, double[] beta, int[] risky) : ITiltModel
    {
        public void Predict(MarketHistory history, Span<double> weights)
        {
            ReadOnlySpan<double> features = history.Features(history.Row);
            Span<double> predictions = stackalloc double[risky.Length];
            double total = 0;
            for (int a = 0; a < risky.Length; a++)
            {
                double prediction = yMean[a];
                for (int j = 0; j < columns.Length; j++)
                {
                    double value = features[columns[j]];
                    double standardised = double.IsFinite(value) ? (value - means[j]) / deviations[j] : 0;
                    prediction += (standardised - zMean[j]) * beta[(j * risky.Length) + a];
                }

                predictions[a] = prediction;
                total += Math.Abs(prediction);
            }

            weights.Clear();
            for (int a = 0; a < risky.Length; a++)
            {
                double tilt = total > 0 ? strategy._tiltScale * predictions[a] / total : 0;
                weights[risky[a]] = (1.0 / risky.Length) + tilt;
            }

            Funding.FundFromRiskFree(weights, history.RiskFreeAsset);
        }
    }
}
