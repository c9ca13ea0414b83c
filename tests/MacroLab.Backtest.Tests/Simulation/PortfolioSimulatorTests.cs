using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Backtest.Simulation;

namespace MacroLab.Backtest.Tests.Simulation;

public sealed class PortfolioSimulatorTests
{
    [Fact]
    public void Turnover_drift_and_costs_on_a_known_weight_path()
    {
        // Two assets; target 50/50 every period. Returns: period 0 (+10%, 0%), period 1 (0%, 0%).
        double[] returns = [0.10, 0.00, 0.00, 0.00];
        double[] targets = [0.5, 0.5, 0.5, 0.5];
        var options = new SimulationOptions { CostBps = [10, 20] };

        SimulationResult result = PortfolioSimulator.Run(returns, targets, 2, options);

        // t=0: from no positions to 50/50: one-way turnover 0.5, cost 0.5 * 10bp + 0.5 * 20bp.
        Assert.Equal(0.5, result.Turnover[0], 15);
        Assert.Equal((0.5 * 0.001) + (0.5 * 0.002), result.Costs[0], 15);
        Assert.Equal(0.05, result.GrossReturns[0], 15);
        // t=1: drifted weights 0.55/1.05 and 0.5/1.05; trading back to 50/50.
        double w0 = 0.55 / 1.05, w1 = 0.5 / 1.05;
        Assert.Equal(0.5 * (Math.Abs(0.5 - w0) + Math.Abs(0.5 - w1)), result.Turnover[1], 15);
        Assert.Equal((Math.Abs(0.5 - w0) * 0.001) + (Math.Abs(0.5 - w1) * 0.002), result.Costs[1], 15);
        Assert.Equal([true, true], result.Traded);
        Assert.Equal(result.GrossReturns[1] - result.Costs[1], result.NetReturns()[1]);
    }

    [Fact]
    public void Between_rebalances_weights_drift_with_returns()
    {
        double[] returns = [0.10, -0.10, 0.00, 0.00, 0.00, 0.00];
        double[] targets = [0.5, 0.5, 9, 9, 9, 9]; // rows 1 and 2 are not read: rebalance every 3 periods
        SimulationResult result = PortfolioSimulator.Run(returns, targets, 2, new SimulationOptions { RebalanceEvery = 3, DefaultCostBps = 0 });

        Assert.Equal([true, false, false], result.Traded);
        Assert.Equal(0.55, result.HeldWeights[2], 15);
        Assert.Equal(0.45, result.HeldWeights[3], 15); // (1 + 0) portfolio growth: 0.5 * 1.1 and 0.5 * 0.9
        Assert.Equal(0, result.Turnover[1]);
    }

    [Fact]
    public void Targets_above_the_leverage_cap_are_scaled_down()
    {
        SimulationResult result = PortfolioSimulator.Run([0.01, 0.02], [2.0, -2.0], 2, new SimulationOptions { MaxGrossLeverage = 1 });

        Assert.Equal([0.5, -0.5], result.HeldWeights);
        Assert.Equal(1, result.GrossLeverage[0], 15);
    }

    [Fact]
    public void Weight_caps_cut_each_target_before_the_gross_cap_and_leave_the_excess_unfunded()
    {
        var options = new SimulationOptions { MaxGrossLeverage = 1, MaxWeights = [0.25, 1.0, 1.0], DefaultCostBps = 0 };
        SimulationResult result = PortfolioSimulator.Run([0.10, 0.0, 0.0], [0.6, -0.3, 0.1], 3, options);

        // 0.6 is cut to 0.25; the gross 0.65 is within 1, so nothing is scaled; the cut 0.35 earns nothing.
        Assert.Equal([0.25, -0.3, 0.1], result.HeldWeights);
        Assert.Equal(0.025, result.GrossReturns[0], 15);

        // Caps and the gross cap together: |-2| is cut to 1, then 1 + 1 = 2 is scaled to the gross cap of 1.
        SimulationResult both = PortfolioSimulator.Run([0.0, 0.0], [-2.0, 1.0], 2, new SimulationOptions { MaxGrossLeverage = 1, MaxWeights = [1.0, 1.0] });
        Assert.Equal([-0.5, 0.5], both.HeldWeights);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void A_weight_cap_must_be_positive_and_finite(double cap) =>
        Assert.Contains("MaxWeights[1]", Assert.Throws<ArgumentException>(() => new SimulationOptions { MaxWeights = [1.0, cap] }.Validate(2)).Message, StringComparison.Ordinal);

    [Fact]
    public void Options_without_caps_keep_the_fingerprint_of_earlier_runs()
    {
        string text = MacroLab.Backtest.Grid.Fingerprints.Options(new BacktestOptions { PeriodsPerYear = 12 });
        Assert.DoesNotContain("maxWeights", text, StringComparison.Ordinal);
        Assert.EndsWith("every=1\n", text, StringComparison.Ordinal);
        Assert.Contains("maxWeights=0.5,2\n", MacroLab.Backtest.Grid.Fingerprints.Options(new BacktestOptions { PeriodsPerYear = 12, Simulation = new SimulationOptions { MaxWeights = [0.5, 2] } }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rebalance_below_the_threshold_is_skipped()
    {
        double[] returns = [0.01, 0.0, 0.0, 0.0];
        double[] targets = [1.0, 0.0, 1.0, 0.0]; // after +1% the drifted weight is still 1.0: nothing to trade
        SimulationResult result = PortfolioSimulator.Run(returns, [0.6, 0.4, 0.61, 0.39], 2, new SimulationOptions { RebalanceThreshold = 0.05 });

        Assert.Equal([true, false], result.Traded);
        Assert.Equal(0, result.Costs[1]);
        Assert.Equal(0.6 * 1.01 / (1 + (0.6 * 0.01)), result.HeldWeights[2], 15);
        Assert.Equal(0, PortfolioSimulator.Run(returns, targets, 2, new SimulationOptions()).Turnover[1], 15);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Contains("asset 1 at period 0", Assert.Throws<ArgumentException>(() => PortfolioSimulator.Run([0.0, 0.0], [0.5, double.NaN], 2, new SimulationOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("asset 0 over period 0", Assert.Throws<ArgumentException>(() => PortfolioSimulator.Run([double.NaN, 0.0], [0.5, 0.5], 2, new SimulationOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("CostBps has 1 entries", Assert.Throws<ArgumentException>(() => PortfolioSimulator.Run([0.0, 0.0], [0.5, 0.5], 2, new SimulationOptions { CostBps = [1] })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxGrossLeverage", Assert.Throws<ArgumentException>(() => PortfolioSimulator.Run([0.0, 0.0], [0.5, 0.5], 2, new SimulationOptions { MaxGrossLeverage = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("whole rows", Assert.Throws<ArgumentException>(() => PortfolioSimulator.Run([0.0, 0.0, 0.0], [0.5, 0.5, 0.5], 2, new SimulationOptions())).Message, StringComparison.Ordinal);
    }

    public static class Paths
    {
        public static Arbitrary<(double[] Returns, double[] Targets, double[] Costs)> Generate() =>
            (from periods in Gen.Choose(1, 40)
             from returns in Gen.Choose(-2000, 2000).Select(v => v / 10_000.0).ArrayOf(periods * 3)
             from targets in Gen.Choose(-100, 100).Select(v => v / 100.0).ArrayOf(periods * 3)
             from costs in Gen.Choose(0, 50).Select(v => (double)v).ArrayOf(3)
             select (returns, targets, costs)).ToArbitrary();
    }

    [Property(MaxTest = 300, Replay = "(424242,171717)", Arbitrary = [typeof(Paths)])]
    public bool Costly_and_free_runs_differ_by_exactly_the_charged_amounts((double[] Returns, double[] Targets, double[] Costs) path)
    {
        SimulationResult free = PortfolioSimulator.Run(path.Returns, path.Targets, 3, new SimulationOptions { DefaultCostBps = 0 });
        SimulationResult costly = PortfolioSimulator.Run(path.Returns, path.Targets, 3, new SimulationOptions { CostBps = path.Costs });
        double[] freeNet = free.NetReturns(), costlyNet = costly.NetReturns();
        for (int t = 0; t < freeNet.Length; t++)
        {
            double traded = 0, charged = 0;
            for (int i = 0; i < 3; i++)
            {
                double before = t == 0 ? 0 : costly.HeldWeights[((t - 1) * 3) + i] * (1 + path.Returns[((t - 1) * 3) + i]) / (1 + costly.GrossReturns[t - 1]);
                double trade = Math.Abs(costly.HeldWeights[(t * 3) + i] - before);
                traded += trade;
                charged += trade * path.Costs[i] / 10_000;
            }

            bool same = free.GrossReturns[t] == costly.GrossReturns[t] && free.Costs[t] == 0
                && Math.Abs(freeNet[t] - costlyNet[t] - costly.Costs[t]) < 1e-15
                && Math.Abs(costly.Costs[t] - charged) < 1e-12
                && Math.Abs(costly.Turnover[t] - (0.5 * traded)) < 1e-12;
            if (!same)
            {
                return false;
            }
        }

        return true;
    }
}
