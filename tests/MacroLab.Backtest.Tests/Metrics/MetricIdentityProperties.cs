using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Backtest.Metrics;
using MathNet.Numerics.Statistics;

namespace MacroLab.Backtest.Tests.Metrics;

public sealed class MetricIdentityProperties
{
    private const string Seed = "(1234567,7654321)";

    public static class Scenarios
    {
        public static Arbitrary<double[]> Returns() => Gen.Choose(3, 120)
            .SelectMany(n => Gen.Choose(-300, 300).Select(v => v / 10_000.0).ArrayOf(n))
            .Where(r => r.Distinct().Count() > 2)
            .ToArbitrary();
    }

    private static ReturnSeries Series(double[] r) => new([.. Enumerable.Range(0, r.Length).Select(i => new DateOnly(1990, 1, 31).AddMonths(i))], r);

    [Property(MaxTest = 200, Replay = Seed, Arbitrary = [typeof(Scenarios)])]
    public bool Raw_kurtosis_is_excess_kurtosis_plus_three_and_skewness_matches_mathnet(double[] r)
    {
        PerformanceMetrics m = PerformanceMetrics.Compute(Series(r), new MetricsOptions { PeriodsPerYear = 12 });
        return Math.Abs(m.Kurtosis!.Value - (r.PopulationKurtosis() + 3)) < 1e-9 && Math.Abs(m.Skewness!.Value - r.PopulationSkewness()) < 1e-9;
    }

    [Property(MaxTest = 200, Replay = Seed, Arbitrary = [typeof(Scenarios)])]
    public bool Annualised_sharpe_is_the_per_period_sharpe_times_the_square_root_of_periods_per_year(double[] r)
    {
        PerformanceMetrics monthly = PerformanceMetrics.Compute(Series(r), new MetricsOptions { PeriodsPerYear = 12 });
        PerformanceMetrics daily = PerformanceMetrics.Compute(Series(r), new MetricsOptions { PeriodsPerYear = 252 });
        return Math.Abs(monthly.Sharpe!.Value - (monthly.PerPeriodSharpe!.Value * Math.Sqrt(12))) < 1e-12
            && Math.Abs((daily.Sharpe!.Value / monthly.Sharpe.Value) - Math.Sqrt(252.0 / 12)) < 1e-9
            && Math.Abs(monthly.PerPeriodSharpe.Value - (r.Mean() / r.StandardDeviation())) < 1e-9;
    }

    [Property(MaxTest = 200, Replay = Seed, Arbitrary = [typeof(Scenarios)])]
    public bool The_dsr_with_identical_trial_sharpes_equals_the_psr_against_zero(double[] r)
    {
        PerformanceMetrics m = PerformanceMetrics.Compute(Series(r), new MetricsOptions { PeriodsPerYear = 12, TrialSharpes = [0.1, 0.1, 0.1, 0.1] });
        return m.Psr is null ? m.Dsr is null : Math.Abs(m.Dsr!.Value - m.Psr.Value) < 1e-15 && m.DeflatedSharpeThreshold == 0;
    }

    [Property(MaxTest = 100, Replay = Seed)]
    public bool The_dsr_does_not_increase_with_the_number_of_trials(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        double sr = 0.05 + (random.NextDouble() * 0.3), skew = (random.NextDouble() - 0.5) * 2, kurtosis = 3 + (random.NextDouble() * 5), variance = random.NextDouble() * 0.01;
        double previous = double.PositiveInfinity;
        for (int n = 2; n <= 200; n++)
        {
            double threshold = SharpeRatioStatistics.ExpectedMaximumSharpe(variance, n);
            double dsr = SharpeRatioStatistics.Probabilistic(sr, 240, skew, kurtosis, threshold);
            if (double.IsNaN(dsr))
            {
                continue;
            }

            if (dsr > previous + 1e-15)
            {
                return false;
            }

            previous = dsr;
        }

        return true;
    }
}
