namespace MacroLab.Backtest.Metrics;

/// <summary>
/// The Ledoit and Wolf (2008) test of the difference of two Sharpe ratios, robust to heavy tails, heteroskedasticity and
/// serial correlation: a studentized circular block bootstrap.
/// </summary>
/// <remarks>
/// <para>
/// With excess returns r1, r2 over the same T periods, v = (mean r1, mean r2, mean r1², mean r2²) and
/// Δ = f(v) = μ1/√(γ1 − μ1²) − μ2/√(γ2 − μ2²). By the delta method s(Δ)² = ∇f(v)' Ψ ∇f(v) / T, where Ψ is the long-run
/// covariance of y_t = (r1 − μ1, r2 − μ2, r1² − γ1, r2² − γ2), estimated on the data with the Bartlett kernel (Newey–West)
/// at lag ⌊4 (T/100)^(2/9)⌋ (Ledoit and Wolf use a prewhitened QS kernel; the bootstrap below calibrates either).
/// </para>
/// <para>
/// The bootstrap draws ⌈T/b⌉ blocks of b consecutive periods with wrap-around (circular), keeping both series' periods
/// together, so the dependence within blocks and between the strategies is preserved. On each resample the standard error is
/// the one natural to the blocks, Ψ* = (1/l) Σ ζ_j ζ_j' with ζ_j = b^(-1/2) Σ_{t ∈ block j} (y*_t − mean y*). The statistic
/// |Δ* − Δ| / s(Δ*) approximates the null distribution of |Δ| / s(Δ); the p-value is (1 + #{resamples at least as
/// extreme}) / (1 + M), and the confidence interval is Δ ± q(1 − α) s(Δ) with q the bootstrap quantile (symmetric,
/// studentized).
/// </para>
/// <para>
/// Assumptions: the pair of return series is strictly stationary and weakly dependent (α-mixing) with finite fourth
/// moments, and the block length grows slowly with T; the p-values are asymptotically valid, and the size under the null
/// is checked by simulation on iid and AR(1) returns in the tests. Deterministic: the same inputs and seed give the same
/// result.
/// </para>
/// </remarks>
public static class SharpeDifferenceTest
{
    /// <summary>Tests the Sharpe ratio of <paramref name="excess"/> against that of <paramref name="otherExcess"/>.</summary>
    /// <param name="excess">The first strategy's per-period excess returns.</param>
    /// <param name="otherExcess">The second strategy's, over the same periods in the same order.</param>
    /// <param name="periodsPerYear">Periods per year, to annualise the Sharpe ratios and the difference.</param>
    /// <param name="seed">The bootstrap's seed.</param>
    /// <param name="resamples">The number of bootstrap resamples M (at least 99). Default 4,999.</param>
    /// <param name="blockLength">The block length b; null for ⌈T^(1/3)⌉.</param>
    /// <param name="confidence">The confidence level of the interval. Default 0.95.</param>
    /// <exception cref="ArgumentException">The series differ in length, have fewer than 12 periods, contain a value that is not finite, or one has no variance; or an option is out of range.</exception>
    public static SharpeDifference Run(
        ReadOnlySpan<double> excess, ReadOnlySpan<double> otherExcess, int periodsPerYear, int seed, int resamples = 4999, int? blockLength = null, double confidence = 0.95)
    {
        int n = excess.Length;
        if (otherExcess.Length != n)
        {
            throw new ArgumentException($"The two return series must cover the same periods; they have {n} and {otherExcess.Length}.");
        }

        if (n < 12)
        {
            throw new ArgumentException($"A Sharpe difference test needs at least 12 common periods; {n} given.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(periodsPerYear, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 99);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be in (0, 1).");
        }

        int b = blockLength ?? (int)Math.Ceiling(Math.Cbrt(n));
        if (b < 1 || b > n)
        {
            throw new ArgumentOutOfRangeException(nameof(blockLength), b, $"The block length must be in [1, {n}].");
        }

        double[] x = excess.ToArray(), y = otherExcess.ToArray();
        for (int t = 0; t < n; t++)
        {
            if (!double.IsFinite(x[t]) || !double.IsFinite(y[t]))
            {
                throw new ArgumentException($"Period {t} has a return that is not finite ({x[t]}, {y[t]}).");
            }
        }

        Moments4 v = Moments4.Of(x, y, n);
        if (!(v.Var1 > 0) || !(v.Var2 > 0))
        {
            throw new ArgumentException($"A return series has no variance (variances {v.Var1}, {v.Var2}); its Sharpe ratio is undefined.");
        }

        double delta = v.Difference;
        double se = Math.Sqrt(v.Quadratic(NeweyWest(x, y, v, n)) / n);

        var random = new Random(seed);
        int blocks = (n + b - 1) / b, length = blocks * b;
        var index = new int[length];
        double[] greater = new double[resamples], both = new double[resamples];
        double[] xs = new double[length], ys = new double[length];
        for (int m = 0; m < resamples; m++)
        {
            for (int j = 0; j < blocks; j++)
            {
                int start = random.Next(n);
                for (int k = 0; k < b; k++)
                {
                    index[(j * b) + k] = (start + k) % n;
                }
            }

            for (int t = 0; t < length; t++)
            {
                xs[t] = x[index[t]];
                ys[t] = y[index[t]];
            }

            Moments4 w = Moments4.Of(xs, ys, length);
            double seStar = w.Var1 > 0 && w.Var2 > 0 ? Math.Sqrt(w.Quadratic(BlockCovariance(xs, ys, w, blocks, b)) / length) : 0;
            double z = seStar > 0 ? (w.Difference - delta) / seStar : 0;
            greater[m] = z;
            both[m] = Math.Abs(z);
        }

        double d = se > 0 ? delta / se : 0;
        double annual = Math.Sqrt(periodsPerYear);
        double[] sorted = [.. both.Order()];
        double q = sorted[Math.Min(resamples - 1, (int)Math.Ceiling(confidence * (resamples + 1)) - 1)];
        return new SharpeDifference(
            n, v.Sharpe1 * annual, v.Sharpe2 * annual, delta * annual, se * annual,
            PValue(greater, d), PValueBelow(greater, d), PValue(both, Math.Abs(d)),
            (delta - (q * se)) * annual, (delta + (q * se)) * annual, confidence, b, resamples);
    }

    /// <summary>(1 + #{s at least <paramref name="observed"/>}) / (1 + M).</summary>
    private static double PValue(double[] statistics, double observed) =>
        (1.0 + statistics.Count(s => s >= observed)) / (1.0 + statistics.Length);

    /// <summary>The lower tail: (1 + #{s at most <paramref name="observed"/>}) / (1 + M), the upper tail of the negated statistics.</summary>
    private static double PValueBelow(double[] statistics, double observed) =>
        (1.0 + statistics.Count(s => s <= observed)) / (1.0 + statistics.Length);

    /// <summary>Ψ by the Bartlett kernel, with T/(T − 4) small-sample scaling as in Ledoit and Wolf.</summary>
    private static double[,] NeweyWest(double[] x, double[] y, Moments4 v, int n)
    {
        int lags = (int)Math.Floor(4 * Math.Pow(n / 100.0, 2.0 / 9.0));
        double[][] z = Centered(x, y, v, n);
        var psi = new double[4, 4];
        for (int lag = 0; lag <= lags; lag++)
        {
            double weight = lag == 0 ? 1 : 1 - (lag / (lags + 1.0));
            for (int i = 0; i < 4; i++)
            {
                for (int k = 0; k < 4; k++)
                {
                    double sum = 0;
                    for (int t = lag; t < n; t++)
                    {
                        sum += z[t][i] * z[t - lag][k];
                    }

                    double gamma = sum / n;
                    psi[i, k] += lag == 0 ? gamma : weight * gamma;
                    if (lag > 0)
                    {
                        psi[k, i] += weight * gamma;
                    }
                }
            }
        }

        double scale = n / (double)(n - 4);
        for (int i = 0; i < 4; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                psi[i, k] *= scale;
            }
        }

        return psi;
    }

    /// <summary>Ψ* = (1/l) Σ ζ_j ζ_j', the covariance natural to the resample's blocks.</summary>
    private static double[,] BlockCovariance(double[] x, double[] y, Moments4 v, int blocks, int b)
    {
        var psi = new double[4, 4];
        Span<double> zeta = stackalloc double[4];
        for (int j = 0; j < blocks; j++)
        {
            zeta.Clear();
            for (int t = j * b; t < (j + 1) * b; t++)
            {
                zeta[0] += x[t] - v.Mean1;
                zeta[1] += y[t] - v.Mean2;
                zeta[2] += (x[t] * x[t]) - v.Square1;
                zeta[3] += (y[t] * y[t]) - v.Square2;
            }

            for (int i = 0; i < 4; i++)
            {
                for (int k = 0; k < 4; k++)
                {
                    psi[i, k] += zeta[i] * zeta[k] / (b * (double)blocks);
                }
            }
        }

        return psi;
    }

    private static double[][] Centered(double[] x, double[] y, Moments4 v, int n)
    {
        var z = new double[n][];
        for (int t = 0; t < n; t++)
        {
            z[t] = [x[t] - v.Mean1, y[t] - v.Mean2, (x[t] * x[t]) - v.Square1, (y[t] * y[t]) - v.Square2];
        }

        return z;
    }

    /// <summary>The first two raw moments of both series and what the delta method needs from them.</summary>
    private readonly record struct Moments4(double Mean1, double Mean2, double Square1, double Square2)
    {
        public double Var1 => Square1 - (Mean1 * Mean1);

        public double Var2 => Square2 - (Mean2 * Mean2);

        public double Sharpe1 => Mean1 / Math.Sqrt(Var1);

        public double Sharpe2 => Mean2 / Math.Sqrt(Var2);

        public double Difference => Sharpe1 - Sharpe2;

        public static Moments4 Of(double[] x, double[] y, int n)
        {
            double m1 = 0, m2 = 0, s1 = 0, s2 = 0;
            for (int t = 0; t < n; t++)
            {
                m1 += x[t];
                m2 += y[t];
                s1 += x[t] * x[t];
                s2 += y[t] * y[t];
            }

            return new Moments4(m1 / n, m2 / n, s1 / n, s2 / n);
        }

        /// <summary>∇f' Ψ ∇f.</summary>
        public double Quadratic(double[,] psi)
        {
            double c1 = Math.Pow(Var1, 1.5), c2 = Math.Pow(Var2, 1.5);
            double[] g = [Square1 / c1, -Square2 / c2, -Mean1 / (2 * c1), Mean2 / (2 * c2)];
            double total = 0;
            for (int i = 0; i < 4; i++)
            {
                for (int k = 0; k < 4; k++)
                {
                    total += g[i] * psi[i, k] * g[k];
                }
            }

            return Math.Max(total, 0);
        }
    }
}
