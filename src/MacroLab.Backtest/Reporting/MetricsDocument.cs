using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest.Reporting;

/// <summary>The flat JSON shape of <see cref="PerformanceMetrics"/> (camelCase; undefined statistics are null).</summary>
internal sealed record MetricsDocument
{
    public int Periods { get; init; }
    public int PeriodsPerYear { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    public double TotalReturn { get; init; }
    public double AnnualReturn { get; init; }
    public double AnnualVolatility { get; init; }
    public double? PerPeriodSharpe { get; init; }
    public double? Sharpe { get; init; }
    public double? Sortino { get; init; }
    public double MaxDrawdown { get; init; }
    public DateOnly? MaxDrawdownPeak { get; init; }
    public DateOnly? MaxDrawdownTrough { get; init; }
    public DateOnly? MaxDrawdownRecovery { get; init; }
    public double? Calmar { get; init; }
    public double? Skewness { get; init; }
    public double? Kurtosis { get; init; }
    public double HitRate { get; init; }
    public double? Psr { get; init; }
    public double? Dsr { get; init; }
    public int? Trials { get; init; }
    public double? DeflatedSharpeThreshold { get; init; }
    public BenchmarkComparison? Benchmark { get; init; }
    public string Conventions { get; init; } =
        "sharpe = mean(x)/std(x, n-1) * sqrt(P) on excess returns x; volatility = std(r, n-1) * sqrt(P); annualReturn geometric; "
        + "sortino downside deviation over all periods; skewness m3/m2^1.5 and raw kurtosis m4/m2^2 (population); "
        + "psr against a per-period Sharpe of 0; dsr with the sample variance (n-1) of the trials' per-period Sharpes";

    public static MetricsDocument From(PerformanceMetrics m) => new()
    {
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
}
