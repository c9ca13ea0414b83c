using MathNet.Numerics.Distributions;

namespace MacroLab.Backtest.Metrics;

/// <summary>
/// The Probabilistic and Deflated Sharpe Ratios (Bailey and López de Prado 2012, 2014), on PER-PERIOD Sharpe ratios and
/// RAW kurtosis (3 for a normal). Feeding excess kurtosis here, as several libraries do, understates the uncertainty of
/// fat-tailed returns and flatters a strategy.
/// </summary>
public static class SharpeRatioStatistics
{
    /// <summary>The Euler-Mascheroni constant.</summary>
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>
    /// PSR(SR*) = Phi( (SR - SR*) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2) ): the probability that the true per-period
    /// Sharpe ratio exceeds <paramref name="benchmarkSharpe"/> given the observed one.
    /// </summary>
    /// <param name="sharpe">The observed per-period Sharpe ratio SR (mean / sample standard deviation).</param>
    /// <param name="periods">The number of returns T; at least 2.</param>
    /// <param name="skewness">The skewness g3 = m3 / m2^1.5.</param>
    /// <param name="kurtosis">The RAW kurtosis g4 = m4 / m2^2 (3 for a normal; excess kurtosis + 3).</param>
    /// <param name="benchmarkSharpe">SR*, per period.</param>
    /// <returns>A probability in [0, 1]; NaN when the variance term 1 - g3 SR + (g4 - 1)/4 SR^2 is not positive or an input is not finite.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is below 2.</exception>
    public static double Probabilistic(double sharpe, int periods, double skewness, double kurtosis, double benchmarkSharpe = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 2);
        double variance = 1 - (skewness * sharpe) + ((kurtosis - 1) / 4 * sharpe * sharpe);
        if (!(variance > 0) || !double.IsFinite(sharpe) || !double.IsFinite(benchmarkSharpe))
        {
            return double.NaN;
        }

        return Normal.CDF(0, 1, (sharpe - benchmarkSharpe) * Math.Sqrt(periods - 1) / Math.Sqrt(variance));
    }

    /// <summary>
    /// The expected maximum per-period Sharpe ratio among <paramref name="trials"/> independent unskilled trials,
    /// SR0 = sqrt(V) ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e))), gamma the Euler-Mascheroni constant.
    /// </summary>
    /// <param name="trialSharpeVariance">V, the sample variance (n - 1) of the trials' per-period Sharpe ratios.</param>
    /// <param name="trials">N, the number of trials; at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> is below 2 or the variance is negative or not finite.</exception>
    public static double ExpectedMaximumSharpe(double trialSharpeVariance, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 2);
        if (!(trialSharpeVariance >= 0) || !double.IsFinite(trialSharpeVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(trialSharpeVariance), trialSharpeVariance, "The variance of the trial Sharpe ratios must be finite and non-negative.");
        }

        double multiplier = ((1 - EulerGamma) * Normal.InvCDF(0, 1, 1 - (1.0 / trials)))
            + (EulerGamma * Normal.InvCDF(0, 1, 1 - (1.0 / (trials * Math.E))));
        return Math.Sqrt(trialSharpeVariance) * multiplier;
    }

    /// <summary>
    /// DSR = PSR(SR0) with SR0 the <see cref="ExpectedMaximumSharpe"/> of <paramref name="trialSharpes"/> (their count N and
    /// sample variance): the probability that the selected strategy's true Sharpe ratio is positive after allowing for the
    /// number of trials. With zero variance across trials it equals PSR(0).
    /// </summary>
    /// <param name="sharpe">The selected strategy's per-period Sharpe ratio.</param>
    /// <param name="periods">Its number of returns T; at least 2.</param>
    /// <param name="skewness">Its skewness.</param>
    /// <param name="kurtosis">Its RAW kurtosis.</param>
    /// <param name="trialSharpes">The per-period Sharpe ratios of all trials, the selected one included; at least 2.</param>
    /// <exception cref="ArgumentException">Fewer than two trial Sharpe ratios, or one is not finite.</exception>
    public static double Deflated(double sharpe, int periods, double skewness, double kurtosis, IReadOnlyList<double> trialSharpes)
    {
        double threshold = DeflatedThreshold(trialSharpes);
        return Probabilistic(sharpe, periods, skewness, kurtosis, threshold);
    }

    /// <summary>The SR0 that <see cref="Deflated"/> tests against, from the trials' per-period Sharpe ratios.</summary>
    /// <exception cref="ArgumentException">Fewer than two trial Sharpe ratios, or one is not finite.</exception>
    public static double DeflatedThreshold(IReadOnlyList<double> trialSharpes)
    {
        ArgumentNullException.ThrowIfNull(trialSharpes);
        if (trialSharpes.Count < 2)
        {
            throw new ArgumentException($"The Deflated Sharpe Ratio needs the Sharpe ratios of at least 2 trials; {trialSharpes.Count} given.", nameof(trialSharpes));
        }

        double[] values = [.. trialSharpes];
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"A trial Sharpe ratio is {value}; all must be finite.", nameof(trialSharpes));
            }
        }

        return ExpectedMaximumSharpe(Moments.Of(values).SampleVariance, values.Length);
    }
}
