namespace MacroLab.Backtest.Metrics;

/// <summary>Sample moments computed in two passes around the mean (no cancellation of large sums).</summary>
internal readonly record struct Moments(int Count, double Mean, double SampleVariance, double Skewness, double Kurtosis)
{
    /// <summary>
    /// A standard deviation at most this share of max(|mean|, <see cref="ScaleFloor"/>) is rounding left by the arithmetic
    /// (constant returns give about 1e-17), not dispersion, and counts as zero.
    /// </summary>
    public const double RelativeTolerance = 1e-10;

    /// <summary>The smallest scale <see cref="RelativeTolerance"/> is taken of, so that a series around zero is judged on an absolute floor.</summary>
    public const double ScaleFloor = 1e-6;

    /// <summary>Whether the values do not vary, within <see cref="RelativeTolerance"/>.</summary>
    public bool IsConstant => !(StandardDeviation > RelativeTolerance * Math.Max(Math.Abs(Mean), ScaleFloor));

    /// <summary>Sample standard deviation (n - 1).</summary>
    public double StandardDeviation => Math.Sqrt(SampleVariance);

    /// <summary>
    /// Mean; sample variance with n - 1; skewness m3 / m2^1.5 and RAW kurtosis m4 / m2^2 from population central moments
    /// m_k = mean((x - mean)^k) (3 for a normal), as in López de Prado's PSR code. A variance within the tolerance of
    /// <see cref="IsConstant"/> is set to 0, and skewness and kurtosis are then NaN.
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
        if (n > 1 && !(Math.Sqrt(variance) > RelativeTolerance * Math.Max(Math.Abs(mean), ScaleFloor)))
        {
            return new Moments(n, mean, 0, double.NaN, double.NaN);
        }

        m2 /= n;
        m3 /= n;
        m4 /= n;
        return m2 > 0
            ? new Moments(n, mean, variance, m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2))
            : new Moments(n, mean, variance, double.NaN, double.NaN);
    }
}
