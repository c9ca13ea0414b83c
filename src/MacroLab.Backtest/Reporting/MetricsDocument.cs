using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest.Reporting;

/// <summary>The flat JSON shape of <see cref="PerformanceMetrics"/> (camelCase; undefined statistics are null), written and read by <see cref="PerformanceMetricsJsonConverter"/>.</summary>
internal sealed record MetricsDocument
{
    /// <summary>The number of periods.</summary>
    public int Periods { get; init; }
    /// <summary>Periods per year, for annualising.</summary>
    public int PeriodsPerYear { get; init; }
    /// <summary>When the first period was realised.</summary>
    public DateOnly Start { get; init; }
    /// <summary>When the last period was realised.</summary>
    public DateOnly End { get; init; }
    /// <summary>The compounded return over the whole record.</summary>
    public double TotalReturn { get; init; }
    /// <summary>The geometric annual return.</summary>
    public double AnnualReturn { get; init; }
    /// <summary>The annualised volatility (sample standard deviation).</summary>
    public double AnnualVolatility { get; init; }
    /// <summary>The Sharpe ratio per period, or null when undefined.</summary>
    public double? PerPeriodSharpe { get; init; }
    /// <summary>The annualised Sharpe ratio of excess returns, or null.</summary>
    public double? Sharpe { get; init; }
    /// <summary>The annualised Sortino ratio, or null.</summary>
    public double? Sortino { get; init; }
    /// <summary>The maximum drawdown of the compounded equity curve.</summary>
    public double MaxDrawdown { get; init; }
    /// <summary>The peak before the maximum drawdown.</summary>
    public DateOnly? MaxDrawdownPeak { get; init; }
    /// <summary>Its trough.</summary>
    public DateOnly? MaxDrawdownTrough { get; init; }
    /// <summary>When it was recovered, or null.</summary>
    public DateOnly? MaxDrawdownRecovery { get; init; }
    /// <summary>Annual return over maximum drawdown, or null.</summary>
    public double? Calmar { get; init; }
    /// <summary>The skewness (population), or null.</summary>
    public double? Skewness { get; init; }
    /// <summary>The raw kurtosis (3 for a normal), or null.</summary>
    public double? Kurtosis { get; init; }
    /// <summary>The share of periods with a positive return.</summary>
    public double HitRate { get; init; }
    /// <summary>The Probabilistic Sharpe Ratio against 0, or null.</summary>
    public double? Psr { get; init; }
    /// <summary>The Deflated Sharpe Ratio over the trials, or null.</summary>
    public double? Dsr { get; init; }
    /// <summary>The number of trials the DSR accounts for, or null.</summary>
    public int? Trials { get; init; }
    /// <summary>The per-period Sharpe the DSR tests against, or null.</summary>
    public double? DeflatedSharpeThreshold { get; init; }
    /// <summary>The comparison with a benchmark, or null.</summary>
    public BenchmarkComparison? Benchmark { get; init; }
    /// <summary>Why each null statistic is undefined, by name (see <see cref="PerformanceMetrics.Undefined"/>).</summary>
    public IReadOnlyDictionary<string, string> Undefined { get; init; } = new Dictionary<string, string>();
    /// <summary>The conventions, in words.</summary>
    public string Conventions { get; init; } =
        "sharpe = mean(x)/std(x, n-1) * sqrt(P) on excess returns x; volatility = std(r, n-1) * sqrt(P); annualReturn geometric; "
        + "sortino downside deviation over all periods; skewness m3/m2^1.5 and raw kurtosis m4/m2^2 (population); "
        + "psr against a per-period Sharpe of 0; dsr with the sample variance (n-1) of the trials' per-period Sharpes";

    /// <summary>The document of <paramref name="m"/>.</summary>
    public static MetricsDocument From(PerformanceMetrics m) => new()
    {
        Undefined = m.Undefined,
        Periods = m.Periods,
        PeriodsPerYear = m.PeriodsPerYear,
        Start = m.Start,
        End = m.End,
        TotalReturn = m.TotalReturn,
        AnnualReturn = m.AnnualReturn,
        AnnualVolatility = m.AnnualVolatility,
        PerPeriodSharpe = m.PerPeriodSharpe,
        Sharpe = m.Sharpe,
        Sortino = m.Sortino,
        MaxDrawdown = m.MaxDrawdown.Depth,
        MaxDrawdownPeak = m.MaxDrawdown.Peak,
        MaxDrawdownTrough = m.MaxDrawdown.Trough,
        MaxDrawdownRecovery = m.MaxDrawdown.Recovery,
        Calmar = m.Calmar,
        Skewness = m.Skewness,
        Kurtosis = m.Kurtosis,
        HitRate = m.HitRate,
        Psr = m.Psr,
        Dsr = m.Dsr,
        Trials = m.Trials,
        DeflatedSharpeThreshold = m.DeflatedSharpeThreshold,
        Benchmark = m.Benchmark,
    };

    /// <summary>The metrics this document holds.</summary>
    public PerformanceMetrics ToMetrics() => new()
    {
        Undefined = Undefined,
        Periods = Periods,
        PeriodsPerYear = PeriodsPerYear,
        Start = Start,
        End = End,
        TotalReturn = TotalReturn,
        AnnualReturn = AnnualReturn,
        AnnualVolatility = AnnualVolatility,
        PerPeriodSharpe = PerPeriodSharpe,
        Sharpe = Sharpe,
        Sortino = Sortino,
        MaxDrawdown = new Drawdown(MaxDrawdown, MaxDrawdownPeak, MaxDrawdownTrough, MaxDrawdownRecovery),
        Calmar = Calmar,
        Skewness = Skewness,
        Kurtosis = Kurtosis,
        HitRate = HitRate,
        Psr = Psr,
        Dsr = Dsr,
        Trials = Trials,
        DeflatedSharpeThreshold = DeflatedSharpeThreshold,
        Benchmark = Benchmark,
    };
}
