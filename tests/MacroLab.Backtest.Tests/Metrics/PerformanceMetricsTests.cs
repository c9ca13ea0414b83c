using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest.Tests.Metrics;

public sealed class PerformanceMetricsTests
{
    private static ReturnSeries Monthly(params double[] returns) =>
        new([.. Enumerable.Range(0, returns.Length).Select(i => new DateOnly(2000, 1, 31).AddMonths(i))], returns);

    [Fact]
    public void A_hand_computed_example_matches_every_convention()
    {
        // mean 0.01; sample std sqrt(0.0014 / 3); downside deviation sqrt(0.0004 / 4) = 0.01 over ALL periods.
        PerformanceMetrics m = PerformanceMetrics.Compute(Monthly(0.01, 0.03, -0.02, 0.02), new MetricsOptions { PeriodsPerYear = 12 });

        Assert.Equal(4, m.Periods);
        Assert.Equal(0.01 / Math.Sqrt(0.0014 / 3), m.PerPeriodSharpe!.Value, 12);
        Assert.Equal(1.6035674514745464, m.Sharpe!.Value, 12);
        Assert.Equal(3.4641016151377544, m.Sortino!.Value, 12); // 0.01 / 0.01 * sqrt(12)
        Assert.Equal(0.12448725589205956, m.AnnualReturn, 12); // (1.01 * 1.03 * 0.98 * 1.02)^(12/4) - 1
        Assert.Equal(Math.Sqrt(0.0014 / 3) * Math.Sqrt(12), m.AnnualVolatility, 12);
        Assert.Equal(0.75, m.HitRate);
        Assert.Equal(0.02, m.MaxDrawdown.Depth, 12);
        Assert.Equal(new DateOnly(2000, 2, 29), m.MaxDrawdown.Peak);
        Assert.Equal(new DateOnly(2000, 3, 31), m.MaxDrawdown.Trough);
        Assert.Null(m.MaxDrawdown.Recovery); // 1.01 * 1.03 * 0.98 * 1.02 = 1.0399 < 1.0403
        Assert.Equal(m.AnnualReturn / 0.02, m.Calmar!.Value, 12);
        Assert.Null(m.Dsr);
    }

    [Fact]
    public void Drawdown_is_measured_from_the_starting_capital_and_reports_the_recovery()
    {
        PerformanceMetrics m = PerformanceMetrics.Compute(Monthly(-0.1, -0.5, 0.2, 1.0, 0.1), new MetricsOptions { PeriodsPerYear = 12 });

        Assert.Equal(0.55, m.MaxDrawdown.Depth, 12); // 1 -> 0.9 -> 0.45
        Assert.Null(m.MaxDrawdown.Peak); // the high is the starting capital
        Assert.Equal(new DateOnly(2000, 2, 29), m.MaxDrawdown.Trough);
        Assert.Equal(new DateOnly(2000, 4, 30), m.MaxDrawdown.Recovery); // 0.45 * 1.2 * 2 = 1.08 >= 1
    }

    [Fact]
    public void A_series_that_never_falls_has_no_drawdown_and_no_calmar()
    {
        PerformanceMetrics m = PerformanceMetrics.Compute(Monthly(0.01, 0.02, 0.01), new MetricsOptions { PeriodsPerYear = 12 });

        Assert.Equal(0, m.MaxDrawdown.Depth);
        Assert.Null(m.Calmar);
        Assert.Null(m.Sortino); // no downside
    }

    [Fact]
    public void Risk_free_returns_are_subtracted_for_sharpe_but_not_for_the_annual_return()
    {
        ReturnSeries r = Monthly(0.02, 0.01, 0.03, -0.01);
        ReturnSeries rf = Monthly(0.005, 0.005, 0.005, 0.005);

        PerformanceMetrics raw = PerformanceMetrics.Compute(r, new MetricsOptions { PeriodsPerYear = 12 });
        PerformanceMetrics excess = PerformanceMetrics.Compute(r, new MetricsOptions { PeriodsPerYear = 12, RiskFree = rf });

        Assert.Equal(raw.AnnualReturn, excess.AnnualReturn);
        Assert.Equal((0.0125 - 0.005) / (0.0125 / raw.PerPeriodSharpe!.Value), excess.PerPeriodSharpe!.Value, 12);
    }

    [Fact]
    public void A_benchmark_identical_to_the_series_has_zero_active_return_beta_one_and_no_information_ratio()
    {
        ReturnSeries r = Monthly(0.02, 0.01, 0.03, -0.01);

        BenchmarkComparison b = PerformanceMetrics.Compute(r, new MetricsOptions { PeriodsPerYear = 12, Benchmark = r }).Benchmark!;

        Assert.Equal(0, b.ActiveReturn);
        Assert.Equal(0, b.TrackingError);
        Assert.Null(b.InformationRatio);
        Assert.Equal(1, b.Beta!.Value, 12);
        Assert.Equal(1, b.Correlation!.Value, 12);
    }

    [Fact]
    public void The_psr_uses_raw_kurtosis()
    {
        // A fat-tailed series: raw kurtosis well above 3.
        ReturnSeries r = Monthly(0.01, 0.012, 0.009, 0.011, -0.08, 0.01, 0.013, 0.008, 0.01, 0.09, 0.011, 0.01);
        PerformanceMetrics m = PerformanceMetrics.Compute(r, new MetricsOptions { PeriodsPerYear = 12 });
        double sr = m.PerPeriodSharpe!.Value, skew = m.Skewness!.Value, kurtosis = m.Kurtosis!.Value;

        Assert.True(kurtosis > 5, $"kurtosis {kurtosis}");
        Assert.Equal(SharpeRatioStatistics.Probabilistic(sr, 12, skew, kurtosis), m.Psr!.Value, 15);
        Assert.NotEqual(SharpeRatioStatistics.Probabilistic(sr, 12, skew, kurtosis - 3), m.Psr!.Value, 6);
    }

    [Fact]
    public void Mismatched_risk_free_dates_are_named()
    {
        ReturnSeries r = Monthly(0.02, 0.01, 0.03);
        var rf = new ReturnSeries([new DateOnly(2000, 1, 31), new DateOnly(2000, 2, 28), new DateOnly(2000, 3, 31)], [0.0, 0.0, 0.0], "rf.csv");

        ArgumentException error = Assert.Throws<ArgumentException>(() => PerformanceMetrics.Compute(r, new MetricsOptions { PeriodsPerYear = 12, RiskFree = rf }));

        Assert.Contains("'rf.csv' row 1 is dated 2000-02-28", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-12)]
    public void Periods_per_year_must_be_given_and_positive(int periodsPerYear)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            PerformanceMetrics.Compute(Monthly(0.01, 0.02), new MetricsOptions { PeriodsPerYear = periodsPerYear }));

        Assert.Contains("PeriodsPerYear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_series_rejects_non_finite_values_and_unordered_dates_naming_the_row()
    {
        DateOnly[] dates = [new(2000, 1, 31), new(2000, 2, 29)];

        Assert.Contains("row 1 (2000-02-29) has return NaN", Assert.Throws<ArgumentException>(() => new ReturnSeries(dates, [0.01, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Contains("row 1 date 2000-01-31 does not come after", Assert.Throws<ArgumentException>(() => new ReturnSeries([dates[0], dates[0]], [0.01, 0.02])).Message, StringComparison.Ordinal);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => PerformanceMetrics.Compute(new ReturnSeries([dates[0]], [0.01]), new MetricsOptions { PeriodsPerYear = 12 })).Message, StringComparison.Ordinal);
    }
}
