using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest.Tests.Metrics;

public sealed class SharpeRatioStatisticsTests
{
    [Theory]
    [InlineData(2, 0.52)]
    [InlineData(5, 1.19)]
    [InlineData(10, 1.57)]
    [InlineData(20, 1.90)]
    [InlineData(100, 2.53)]
    public void The_expected_maximum_sharpe_multiplier_matches_the_published_values(int trials, double multiplier)
    {
        Assert.Equal(multiplier, SharpeRatioStatistics.ExpectedMaximumSharpe(1, trials), 2);
        Assert.Equal(multiplier * 0.1, SharpeRatioStatistics.ExpectedMaximumSharpe(0.01, trials), 2);
    }

    [Fact]
    public void The_psr_of_a_normal_series_matches_a_hand_computation()
    {
        // Phi(0.1 sqrt(119) / sqrt(1 + (3 - 1)/4 * 0.01))
        Assert.Equal(0.8617364840535165, SharpeRatioStatistics.Probabilistic(0.1, 120, 0, 3), 12);
        Assert.Equal(0.5, SharpeRatioStatistics.Probabilistic(0.1, 120, 0, 3, benchmarkSharpe: 0.1), 12);
    }

    [Fact]
    public void Negative_skew_and_fat_tails_lower_the_psr_of_a_positive_sharpe()
    {
        double normal = SharpeRatioStatistics.Probabilistic(0.2, 60, 0, 3);

        Assert.True(SharpeRatioStatistics.Probabilistic(0.2, 60, -1, 3) < normal);
        Assert.True(SharpeRatioStatistics.Probabilistic(0.2, 60, 0, 9) < normal);
    }

    [Fact]
    public void The_dsr_needs_two_trials_and_finite_sharpes()
    {
        Assert.Contains("at least 2 trials", Assert.Throws<ArgumentException>(() => SharpeRatioStatistics.Deflated(0.1, 100, 0, 3, [0.1])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SharpeRatioStatistics.Deflated(0.1, 100, 0, 3, [0.1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SharpeRatioStatistics.Probabilistic(0.1, 1, 0, 3));
    }
}
