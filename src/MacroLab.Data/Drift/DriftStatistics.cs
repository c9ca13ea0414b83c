using MathNet.Numerics;

namespace MacroLab.Data.Drift;

/// <summary>
/// The drift statistics of Evidently's default test selection, computed as SciPy computes them so the numbers can be
/// compared: two-sample Kolmogorov-Smirnov, chi-square, two-proportion Z, normed Wasserstein, Jensen-Shannon and PSI.
/// Every method ignores NaN and infinite values; each sample must keep at least one value.
/// </summary>
public static class DriftStatistics
{
    /// <summary>Samples up to this size (the larger of the two) get the exact KS p-value, as in SciPy's <c>ks_2samp(method="auto")</c>.</summary>
    internal const int ExactKolmogorovSmirnovLimit = 10_000;

    /// <summary>Two-sample Kolmogorov-Smirnov test, two-sided.</summary>
    /// <remarks>
    /// D = sup |F_ref(x) - F_cur(x)| over the empirical CDFs. The p-value is exact when neither sample has more than
    /// 10 000 values: P(D' &gt;= D) by counting the monotone lattice paths from (0, 0) to (m, n) that stay strictly inside
    /// |i/m - j/n| &lt; D, in integer arithmetic so ties and rounding cannot move the boundary (SciPy's exact method).
    /// Larger samples use Kolmogorov's limiting distribution at (sqrt(e) + 0.12 + 0.11 / sqrt(e)) D with e = m n / (m + n)
    /// (Stephens' correction); SciPy uses the finite-e distribution there, which agrees to about 1e-3.
    /// </remarks>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static DriftStatistic KolmogorovSmirnov(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double[] a = SortedFinite(reference, nameof(reference)), b = SortedFinite(current, nameof(current));
        long m = a.Length, n = b.Length;
        long d = 0;
        int i = 0, j = 0;
        while (i < m && j < n)
        {
            double v = Math.Min(a[i], b[j]);
            while (i < m && a[i] == v)
            {
                i++;
            }

            while (j < n && b[j] == v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((i * n) - (j * m)));
        }

        double statistic = (double)d / (m * n);
        double p = Math.Max(m, n) <= ExactKolmogorovSmirnovLimit ? ExactKolmogorovSmirnovP(m, n, d) : AsymptoticKolmogorovSmirnovP(m, n, statistic);
        return new DriftStatistic(DriftMethod.KolmogorovSmirnov, p, statistic);
    }

    /// <summary>Pearson's chi-square test of the current counts against the reference shares (Evidently's <c>chisquare</c>).</summary>
    /// <remarks>
    /// Over the values seen in either sample, expected = reference count x n_cur / n_ref, chi2 = sum (observed - expected)^2 / expected
    /// with k - 1 degrees of freedom; a value absent from the reference makes chi2 infinite (p = 0). One value only: p is NaN.
    /// </remarks>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static DriftStatistic ChiSquare(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double[] a = SortedFinite(reference, nameof(reference)), b = SortedFinite(current, nameof(current));
        (double[] keys, long[] referenceCounts, long[] currentCounts) = DriftBins.Counts(a, b);
        double scale = (double)b.Length / a.Length, chi2 = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            double expected = referenceCounts[k] * scale, observed = currentCounts[k];
            chi2 += expected == 0 ? (observed == 0 ? 0 : double.PositiveInfinity) : (observed - expected) * (observed - expected) / expected;
        }

        int freedom = keys.Length - 1;
        double p = freedom < 1 ? double.NaN : double.IsPositiveInfinity(chi2) ? 0 : SpecialFunctions.GammaUpperRegularized(freedom / 2.0, chi2 / 2.0);
        return new DriftStatistic(DriftMethod.ChiSquare, p, chi2);
    }

    /// <summary>Two-proportion Z test (Evidently's <c>z</c>): the share of the first value in each sample, pooled variance, two-sided.</summary>
    /// <remarks>
    /// z = (p_ref - p_cur) / sqrt(P (1 - P) (1/n_ref + 1/n_cur)), P the pooled share; p = 2 (1 - Phi(|z|)). Both samples holding the same single
    /// value gives p = 1.
    /// </remarks>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static DriftStatistic ProportionZ(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double[] a = SortedFinite(reference, nameof(reference)), b = SortedFinite(current, nameof(current));
        if (a[0] == a[^1] && b[0] == b[^1] && a[0] == b[0])
        {
            return new DriftStatistic(DriftMethod.ProportionZ, 1, 0);
        }

        double key = Math.Min(a[0], b[0]);
        double p1 = (double)a.Count(v => v != key) / a.Length, p2 = (double)b.Count(v => v != key) / b.Length;
        double pooled = ((p1 * a.Length) + (p2 * b.Length)) / (a.Length + b.Length);
        double z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / a.Length) + (1.0 / b.Length)));
        return new DriftStatistic(DriftMethod.ProportionZ, SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)), z);
    }

    /// <summary>The Wasserstein-1 distance divided by the reference's population standard deviation (at least 0.001).</summary>
    /// <remarks>W1 = integral of |F_ref(x) - F_cur(x)| dx over the empirical CDFs (SciPy's <c>wasserstein_distance</c>).</remarks>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static DriftStatistic NormedWasserstein(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double[] a = SortedFinite(reference, nameof(reference)), b = SortedFinite(current, nameof(current));
        double distance = Wasserstein1(a, b) / Math.Max(PopulationStandardDeviation(a), 0.001);
        return new DriftStatistic(DriftMethod.Wasserstein, distance, distance);
    }

    /// <summary>The Jensen-Shannon distance (natural log) between the binned reference and current distributions.</summary>
    /// <remarks>
    /// sqrt(0.5 KL(p || m) + 0.5 KL(q || m)), m = (p + q) / 2, 0 ln 0 = 0. Bins as Evidently's: a numeric column whose reference has more
    /// than 20 distinct values gets Sturges' equal-width bins over the combined range (k = ceil(log2(n_ref + n_cur)) + 1, NumPy's
    /// <c>histogram_bin_edges</c>); otherwise each distinct value is a bin. Lies in [0, sqrt(ln 2)].
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <param name="categorical">Treat every distinct value as its own bin, whatever the count.</param>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static DriftStatistic JensenShannon(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, bool categorical = false)
    {
        (double[] p, double[] q) = DriftBins.Shares(SortedFinite(reference, nameof(reference)), SortedFinite(current, nameof(current)), categorical, fillEmpty: false);
        double sumP = p.Sum(), sumQ = q.Sum(), divergence = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double pk = p[k] / sumP, qk = q[k] / sumQ, mk = (pk + qk) / 2;
            divergence += (pk > 0 ? pk * Math.Log(pk / mk) : 0) + (qk > 0 ? qk * Math.Log(qk / mk) : 0);
        }

        double distance = Math.Sqrt(Math.Max(0, divergence) / 2);
        return new DriftStatistic(DriftMethod.JensenShannon, distance, distance);
    }

    /// <summary>The population stability index between the binned reference and current distributions.</summary>
    /// <remarks>
    /// PSI = sum (p_ref - p_cur) ln(p_ref / p_cur) over the bins of <see cref="JensenShannon"/>. An empty bin's share becomes 1e-4, or the
    /// sample's smallest non-zero share / 1e6 when that is at most 1e-4; shares are not renormalised afterwards (Evidently's rule).
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <param name="categorical">Treat every distinct value as its own bin, whatever the count.</param>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static DriftStatistic Psi(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, bool categorical = false)
    {
        (double[] p, double[] q) = DriftBins.Shares(SortedFinite(reference, nameof(reference)), SortedFinite(current, nameof(current)), categorical, fillEmpty: true);
        double psi = 0;
        for (int k = 0; k < p.Length; k++)
        {
            psi += (p[k] - q[k]) * Math.Log(p[k] / q[k]);
        }

        return new DriftStatistic(DriftMethod.Psi, psi, psi);
    }

    /// <summary>Runs <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">A sample has no finite value.</exception>
    public static DriftStatistic Compute(DriftMethod method, ReadOnlySpan<double> reference, ReadOnlySpan<double> current, bool categorical = false) => method switch
    {
        DriftMethod.KolmogorovSmirnov => KolmogorovSmirnov(reference, current),
        DriftMethod.ChiSquare => ChiSquare(reference, current),
        DriftMethod.ProportionZ => ProportionZ(reference, current),
        DriftMethod.Wasserstein => NormedWasserstein(reference, current),
        DriftMethod.JensenShannon => JensenShannon(reference, current, categorical),
        DriftMethod.Psi => Psi(reference, current, categorical),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown drift method."),
    };

    /// <summary>P(D &gt;= d / (m n)) for samples of m and n values: 1 - the share of lattice paths strictly inside |i n - j m| &lt; d.</summary>
    internal static double ExactKolmogorovSmirnovP(long m, long n, long d)
    {
        if (d == 0)
        {
            return 1;
        }

        // inside[j] after row i is (paths to (i, j) inside the band) / C(i + j, i): the probability that a uniformly random
        // path through (i, j) stayed inside so far, which never overflows.
        var inside = new double[n + 1];
        for (long i = 0; i <= m; i++)
        {
            for (long j = 0; j <= n; j++)
            {
                if (Math.Abs((i * n) - (j * m)) >= d)
                {
                    inside[j] = 0;
                }
                else if (i == 0 && j == 0)
                {
                    inside[j] = 1;
                }
                else
                {
                    double fromBelow = i > 0 ? inside[j] * i : 0, fromLeft = j > 0 ? inside[j - 1] * j : 0;
                    inside[j] = (fromBelow + fromLeft) / (i + j);
                }
            }
        }

        return Math.Clamp(1 - inside[n], 0, 1);
    }

    /// <summary>Kolmogorov's limiting survival function at Stephens' corrected argument.</summary>
    internal static double AsymptoticKolmogorovSmirnovP(long m, long n, double statistic)
    {
        double e = (double)m * n / (m + n), root = Math.Sqrt(e);
        return KolmogorovSurvival((root + 0.12 + (0.11 / root)) * statistic);
    }

    /// <summary>Q(x) = 1 - K(x) of Kolmogorov's distribution, by whichever of its two series converges fast at <paramref name="x"/>.</summary>
    internal static double KolmogorovSurvival(double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        if (x < 1)
        {
            // K(x) = sqrt(2 pi) / x sum_k exp(-(2k - 1)^2 pi^2 / (8 x^2)).
            double sum = 0, w = Math.PI * Math.PI / (8 * x * x);
            for (int k = 1; k <= 20; k++)
            {
                sum += Math.Exp(-(((2 * k) - 1) * ((2 * k) - 1)) * w);
            }

            return Math.Clamp(1 - (Math.Sqrt(2 * Math.PI) / x * sum), 0, 1);
        }

        double q = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * x * x);
            q += (k % 2 == 1 ? 2 : -2) * term;
            if (term < 1e-17)
            {
                break;
            }
        }

        return Math.Clamp(q, 0, 1);
    }

    internal static double Wasserstein1(double[] a, double[] b)
    {
        // Integrate |F_a - F_b| between consecutive points of the merged sample.
        int i = 0, j = 0;
        double previous = Math.Min(a[0], b[0]), area = 0;
        while (i < a.Length || j < b.Length)
        {
            double next = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            area += Math.Abs(((double)i / a.Length) - ((double)j / b.Length)) * (next - previous);
            while (i < a.Length && a[i] == next)
            {
                i++;
            }

            while (j < b.Length && b[j] == next)
            {
                j++;
            }

            previous = next;
        }

        return area;
    }

    internal static double PopulationStandardDeviation(double[] values)
    {
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return Math.Sqrt(squares / values.Length);
    }

    /// <summary>The finite values, sorted ascending.</summary>
    internal static double[] SortedFinite(ReadOnlySpan<double> values, string parameter)
    {
        int count = 0;
        foreach (double v in values)
        {
            count += double.IsFinite(v) ? 1 : 0;
        }

        if (count == 0)
        {
            throw new ArgumentException($"The {parameter} sample has no finite value ({values.Length} values before dropping NaN and infinities).", parameter);
        }

        var sorted = new double[count];
        int k = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                sorted[k++] = v;
            }
        }

        Array.Sort(sorted);
        return sorted;
    }
}
