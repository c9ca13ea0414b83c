namespace MacroLab.Backtest.Metrics;

/// <summary>Sample moments computed in two passes around the mean (no cancellation of large sums).</summary>
internal readonly record struct Moments(int Count, double Mean, double SampleVariance, double Skewness, double Kurtosis)
{
    /// <summary>Sample standard deviation (n - 1).</summary>
    public double StandardDeviation => Math.Sqrt(SampleVariance);

    /// <summary>
    /// Mean; sample variance with n - 1; skewness m3 / m2^1.5 and RAW kurtosis m4 / m2^2 from population central moments
    /// m_k = mean((x - mean)^k) (3 for a normal), as in López de Prado's PSR code. Skewness and kurtosis are NaN when m2 = 0.
    /// </summary>
    public static Moments Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return new Moments(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        double mean = sum / n;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (double value in values)
        {
            double d = value - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        double variance = n > 1 ? m2 / (n - 1) : double.NaN;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        return m2 > 0
            ? new Moments(n, mean, variance, m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2))
            : new Moments(n, mean, variance, double.NaN, double.NaN);
    }
}
