namespace MacroLab.Backtest.Metrics;

/// <summary>How to measure a return series.</summary>
public sealed record MetricsOptions
{
    /// <summary>Periods per year used to annualise (12 for monthly, 52 weekly, 252 trading days); never inferred.</summary>
    public required int PeriodsPerYear { get; init; }

    /// <summary>
    /// The risk-free return of each period, on the same dates. When given, Sharpe, Sortino, PSR, DSR, skewness, kurtosis and
    /// hit rate use returns in excess of it; when null the returns are taken as already in excess of the risk-free rate.
    /// </summary>
    public ReturnSeries? RiskFree { get; init; }

    /// <summary>A benchmark on the same dates, for active return, tracking error, information ratio, beta and correlation.</summary>
    public ReturnSeries? Benchmark { get; init; }

    /// <summary>
    /// Per-period (not annualised) Sharpe ratios of every trial tried while choosing this strategy, this one included; with at
    /// least two the Deflated Sharpe Ratio is reported.
    /// </summary>
    public IReadOnlyList<double>? TrialSharpes { get; init; }

    /// <summary>The per-period Sharpe ratio the PSR tests against (SR*); 0 by default.</summary>
    public double BenchmarkSharpe { get; init; }

    /// <summary>The per-period target return of the Sortino ratio (0 by default), applied to excess returns.</summary>
    public double SortinoTarget { get; init; }

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is out of range.</exception>
    public void Validate()
    {
        if (PeriodsPerYear < 1)
        {
            throw new ArgumentException($"{nameof(PeriodsPerYear)} must be at least 1 (12 for monthly data); it is {PeriodsPerYear}.");
        }

        if (!double.IsFinite(BenchmarkSharpe))
        {
            throw new ArgumentException($"{nameof(BenchmarkSharpe)} must be finite.");
        }

        if (!double.IsFinite(SortinoTarget))
        {
            throw new ArgumentException($"{nameof(SortinoTarget)} must be finite.");
        }

        if (TrialSharpes is { } trials)
        {
            for (int i = 0; i < trials.Count; i++)
            {
                if (!double.IsFinite(trials[i]))
                {
                    throw new ArgumentException($"{nameof(TrialSharpes)}[{i}] is {trials[i]}; trial Sharpe ratios must be finite.");
                }
            }
        }
    }
}
