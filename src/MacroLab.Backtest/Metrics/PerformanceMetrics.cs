using System.Globalization;
using System.Text.Json.Serialization;

namespace MacroLab.Backtest.Metrics;

/// <summary>
/// The performance of a return series, with the conventions stated on each member. r_t are the returns as given; x_t = r_t -
/// rf_t are excess returns when <see cref="MetricsOptions.RiskFree"/> is given, else x_t = r_t; P is
/// <see cref="MetricsOptions.PeriodsPerYear"/>; T the number of periods. A statistic that is undefined (a zero standard
/// deviation, no drawdown for Calmar) is null.
/// </summary>
[JsonConverter(typeof(PerformanceMetricsJsonConverter))]
public sealed record PerformanceMetrics
{
    /// <summary>T, the number of periods.</summary>
    public required int Periods { get; init; }

    /// <summary>P, the periods per year used to annualise.</summary>
    public required int PeriodsPerYear { get; init; }

    /// <summary>The end of the first period.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>The end of the last period.</summary>
    public required DateOnly End { get; init; }

    /// <summary>prod(1 + r_t) - 1.</summary>
    public required double TotalReturn { get; init; }

    /// <summary>Geometric: prod(1 + r_t)^(P / T) - 1.</summary>
    public required double AnnualReturn { get; init; }

    /// <summary>std(r) x sqrt(P), sample standard deviation (n - 1).</summary>
    public required double AnnualVolatility { get; init; }

    /// <summary>Per-period Sharpe ratio mean(x) / std(x), sample standard deviation (n - 1); the input of PSR and DSR.</summary>
    public required double? PerPeriodSharpe { get; init; }

    /// <summary>Annualised Sharpe ratio: per-period Sharpe x sqrt(P).</summary>
    public required double? Sharpe { get; init; }

    /// <summary>
    /// mean(x - target) / sqrt(mean(min(0, x - target)^2)) x sqrt(P): the downside deviation averages over ALL periods
    /// (the standard definition), not over losing periods only.
    /// </summary>
    public required double? Sortino { get; init; }

    /// <summary>The maximum drawdown of the compounded equity curve prod(1 + r), from a starting capital of 1.</summary>
    public required Drawdown MaxDrawdown { get; init; }

    /// <summary><see cref="AnnualReturn"/> / max drawdown depth.</summary>
    public required double? Calmar { get; init; }

    /// <summary>Population skewness of x: m3 / m2^1.5.</summary>
    public required double? Skewness { get; init; }

    /// <summary>Population RAW kurtosis of x: m4 / m2^2 (3 for a normal; excess kurtosis + 3).</summary>
    public required double? Kurtosis { get; init; }

    /// <summary>The share of periods with x_t &gt; 0.</summary>
    public required double HitRate { get; init; }

    /// <summary>Probabilistic Sharpe Ratio against <see cref="MetricsOptions.BenchmarkSharpe"/> (per period).</summary>
    public required double? Psr { get; init; }

    /// <summary>Deflated Sharpe Ratio given the trials' Sharpe ratios; null when fewer than two were given.</summary>
    public double? Dsr { get; init; }

    /// <summary>The number of trials N behind <see cref="Dsr"/>.</summary>
    public int? Trials { get; init; }

    /// <summary>SR0, the per-period Sharpe ratio the DSR tests against.</summary>
    public double? DeflatedSharpeThreshold { get; init; }

    /// <summary>The comparison with <see cref="MetricsOptions.Benchmark"/>, when given.</summary>
    public BenchmarkComparison? Benchmark { get; init; }

    /// <summary>
    /// Why each statistic that is null is undefined, by its camelCase name (<c>sharpe</c>, <c>sortino</c>, <c>calmar</c>,
    /// <c>skewness</c>, <c>kurtosis</c>, <c>psr</c>, <c>dsr</c>); empty when every statistic is defined.
    /// </summary>
    /// <remarks>
    /// A standard deviation at most 1e-10 x max(|mean|, 1e-6) counts as zero (constant returns leave about 1e-17 of
    /// rounding, which would otherwise give a Sharpe ratio of about 1e15), so the ratios over it are undefined.
    /// </remarks>
    public IReadOnlyDictionary<string, string> Undefined { get; init; } = new Dictionary<string, string>();

    /// <summary>Measures <paramref name="returns"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 returns, invalid options, or a risk-free or benchmark series on other dates.</exception>
    public static PerformanceMetrics Compute(ReturnSeries returns, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (returns.Count < 2)
        {
            throw new ArgumentException($"'{returns.Name}' has {returns.Count} period(s); at least 2 are needed to measure it.", nameof(returns));
        }

        ReadOnlySpan<double> r = returns.Values;
        double[] excess = options.RiskFree is { } riskFree ? returns.Minus(riskFree) : r.ToArray();
        int periods = r.Length, perYear = options.PeriodsPerYear;
        double annualisation = Math.Sqrt(perYear);

        double logGrowth = LogGrowth(r);
        double totalReturn = Math.Exp(logGrowth) - 1;
        double annualReturn = Math.Exp(logGrowth * perYear / periods) - 1;
        Moments total = Moments.Of(r), x = Moments.Of(excess);
        double? perPeriodSharpe = x.StandardDeviation > 0 ? x.Mean / x.StandardDeviation : null;

        double downside = 0, aboveTarget = 0;
        int hits = 0;
        foreach (double value in excess)
        {
            double d = value - options.SortinoTarget;
            aboveTarget += d;
            downside += d < 0 ? d * d : 0;
            hits += value > 0 ? 1 : 0;
        }

        double downsideDeviation = Math.Sqrt(downside / periods);
        Drawdown drawdown = MaximumDrawdown(returns);
        double? skewness = Finite(x.Skewness), kurtosis = Finite(x.Kurtosis);
        double? psr = perPeriodSharpe is { } sr && skewness is { } g3 && kurtosis is { } g4
            ? Finite(SharpeRatioStatistics.Probabilistic(sr, periods, g3, g4, options.BenchmarkSharpe))
            : null;

        double? dsr = null, threshold = null;
        int? trials = null;
        if (options.TrialSharpes is { Count: >= 2 } trialSharpes)
        {
            trials = trialSharpes.Count;
            threshold = SharpeRatioStatistics.DeflatedThreshold(trialSharpes);
            dsr = perPeriodSharpe is { } s && skewness is { } sk && kurtosis is { } ku
                ? Finite(SharpeRatioStatistics.Probabilistic(s, periods, sk, ku, threshold.Value))
                : null;
        }

        var undefined = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string flat = x.IsConstant
            ? string.Create(CultureInfo.InvariantCulture, $"the {(options.RiskFree is null ? string.Empty : "excess ")}returns do not vary (standard deviation {x.StandardDeviation:0.###e+0}, at most {Moments.RelativeTolerance:0e+0} x max(|mean|, {Moments.ScaleFloor:0e+0}) counts as zero)")
            : string.Empty;
        if (perPeriodSharpe is null)
        {
            undefined["sharpe"] = flat;
        }

        if (downsideDeviation <= 0)
        {
            undefined["sortino"] = string.Create(CultureInfo.InvariantCulture, $"no period is below the Sortino target {options.SortinoTarget}, so the downside deviation is 0");
        }

        if (drawdown.Depth <= 0)
        {
            undefined["calmar"] = "the equity never falls below a previous peak, so the maximum drawdown is 0";
        }

        if (skewness is null || kurtosis is null)
        {
            undefined["skewness"] = undefined["kurtosis"] = x.IsConstant ? flat : "the moments are not finite";
        }

        if (psr is null)
        {
            undefined["psr"] = perPeriodSharpe is null || skewness is null ? flat : "the PSR's variance term is not positive for this Sharpe ratio, skewness and kurtosis";
        }

        if (dsr is null)
        {
            undefined["dsr"] = trials is null ? "it needs the Sharpe ratios of at least two trials" : undefined.GetValueOrDefault("psr", flat);
        }

        return new PerformanceMetrics
        {
            Undefined = undefined,
            Periods = periods,
            PeriodsPerYear = perYear,
            Start = returns.Dates[0],
            End = returns.Dates[^1],
            TotalReturn = totalReturn,
            AnnualReturn = annualReturn,
            AnnualVolatility = total.StandardDeviation * annualisation,
            PerPeriodSharpe = perPeriodSharpe,
            Sharpe = perPeriodSharpe * annualisation,
            Sortino = downsideDeviation > 0 ? aboveTarget / periods / downsideDeviation * annualisation : null,
            MaxDrawdown = drawdown,
            Calmar = drawdown.Depth > 0 ? annualReturn / drawdown.Depth : null,
            Skewness = skewness,
            Kurtosis = kurtosis,
            HitRate = (double)hits / periods,
            Psr = psr,
            Dsr = dsr,
            Trials = trials,
            DeflatedSharpeThreshold = threshold,
            Benchmark = options.Benchmark is { } benchmark ? Compare(returns, benchmark, annualReturn, perYear) : null,
        };
    }

    /// <summary>The maximum drawdown of prod(1 + r) from a starting capital of 1: max over t of 1 - E_t / max_{s&lt;=t} E_s.</summary>
    internal static Drawdown MaximumDrawdown(ReturnSeries returns)
    {
        ReadOnlySpan<double> r = returns.Values;
        double logEquity = 0, logPeak = 0, deepest = 0;
        int peak = -1, deepestPeak = -1, deepestTrough = -1;
        for (int t = 0; t < r.Length; t++)
        {
            logEquity += double.LogP1(r[t]);
            if (logEquity >= logPeak)
            {
                logPeak = logEquity;
                peak = t;
            }
            else
            {
                double depth = -double.ExpM1(logEquity - logPeak);
                if (depth > deepest)
                {
                    deepest = depth;
                    deepestPeak = peak;
                    deepestTrough = t;
                }
            }
        }

        if (deepestTrough < 0)
        {
            return new Drawdown(0, null, null, null);
        }

        // Recovery: the first period after the trough whose equity is back at the peak.
        double level = 0, peakLevel = 0;
        for (int t = 0; t <= deepestPeak; t++)
        {
            peakLevel += double.LogP1(r[t]);
        }

        level = peakLevel;
        DateOnly? recovery = null;
        for (int t = deepestPeak + 1; t < r.Length; t++)
        {
            level += double.LogP1(r[t]);
            if (t > deepestTrough && level >= peakLevel)
            {
                recovery = returns.Dates[t];
                break;
            }
        }

        return new Drawdown(deepest, deepestPeak >= 0 ? returns.Dates[deepestPeak] : null, returns.Dates[deepestTrough], recovery);
    }

    private static BenchmarkComparison Compare(ReturnSeries returns, ReturnSeries benchmark, double annualReturn, int perYear)
    {
        double[] active = returns.Minus(benchmark);
        Moments a = Moments.Of(active), r = Moments.Of(returns.Values), b = Moments.Of(benchmark.Values);
        double covariance = 0;
        for (int t = 0; t < active.Length; t++)
        {
            covariance += (returns.Values[t] - r.Mean) * (benchmark.Values[t] - b.Mean);
        }

        covariance /= active.Length - 1;
        double benchmarkAnnual = Math.Exp(LogGrowth(benchmark.Values) * perYear / benchmark.Count) - 1;
        return new BenchmarkComparison(
            benchmarkAnnual,
            annualReturn - benchmarkAnnual,
            a.Mean * perYear,
            a.StandardDeviation * Math.Sqrt(perYear),
            a.StandardDeviation > 0 ? a.Mean / a.StandardDeviation * Math.Sqrt(perYear) : null,
            b.SampleVariance > 0 ? covariance / b.SampleVariance : null,
            b.SampleVariance > 0 && r.SampleVariance > 0 ? covariance / (r.StandardDeviation * b.StandardDeviation) : null);
    }

    private static double LogGrowth(ReadOnlySpan<double> r)
    {
        double sum = 0;
        foreach (double value in r)
        {
            sum += double.LogP1(value);
        }

        return sum;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
