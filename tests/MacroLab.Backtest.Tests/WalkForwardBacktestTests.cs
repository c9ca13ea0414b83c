using FsCheck.Xunit;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Tests;

public sealed class WalkForwardBacktestTests
{
    private static readonly BacktestOptions Options = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 60, TestPeriods = 12 },
    };

    private sealed class PeeksAtNextReturn : ITiltStrategy, ITiltModel
    {
        public string Name => "peek";

        public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

        public int LabelHorizon => 0;

        public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken) => this;

        public void Predict(MarketHistory history, Span<double> weights)
        {
            ReadOnlySpan<double> next = history.RealizedReturns(history.Row); // the return over (t, t+1]: the future
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = next[i] > 0 ? 1 : -1;
            }
        }
    }

    private sealed class PeeksAtNextFeatures : ITiltStrategy, ITiltModel
    {
        public string Name => "peek-features";

        public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

        public int LabelHorizon => 0;

        public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken) => this;

        public void Predict(MarketHistory history, Span<double> weights)
        {
            weights.Clear();
            weights[0] = history.Features(history.Row + 1)[0];
        }
    }

    [Fact]
    public void A_model_that_reads_the_next_return_is_caught_not_rewarded()
    {
        LookAheadException error = Assert.Throws<LookAheadException>(() => new WalkForwardBacktest(Options).Run(Synthetic.Dataset(), new PeeksAtNextReturn()));

        Assert.Contains("Strategy 'peek' looked ahead in fold 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("At 1995-01-31 a model asked for the returns realised at 1995-02-28", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_reads_tomorrows_features_is_caught()
    {
        LookAheadException error = Assert.Throws<LookAheadException>(() => new WalkForwardBacktest(Options).Run(Synthetic.Dataset(), new PeeksAtNextFeatures()));

        Assert.Contains("asked for the features of 1995-02-28", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ridge")]
    [InlineData("momentum")]
    public void The_same_inputs_give_bit_identical_results(string strategy)
    {
        BacktestResult first = new WalkForwardBacktest(Options).Run(Synthetic.Dataset(), StrategyCatalog.BuiltIn.Create(strategy));
        BacktestResult second = new WalkForwardBacktest(Options).Run(Synthetic.Dataset(), StrategyCatalog.BuiltIn.Create(strategy));

        Assert.Equal(first.NetReturns.Values.ToArray(), second.NetReturns.Values.ToArray());
        Assert.Equal(first.TargetWeights, second.TargetWeights);
    }

    [Property(MaxTest = 25, Replay = "(5551234,8881237)")]
    public bool Changing_anything_after_a_decision_leaves_the_weights_up_to_it_unchanged(FsCheck.PositiveInt seed)
    {
        BacktestDataset original = Synthetic.Dataset(rows: 150, seed: 3);
        int cut = 60 + (seed.Get % 85);
        BacktestDataset perturbed = BacktestPerturbation.ChangeAfter(original, cut, seed.Get);
        foreach (string name in (string[])["ridge", "momentum"])
        {
            var parameters = name == "ridge" ? new Dictionary<string, string> { ["horizon"] = "3", ["minCoverage"] = "0.5" } : null;
            BacktestResult a = new WalkForwardBacktest(Options).Run(original, StrategyCatalog.BuiltIn.Create(name, parameters));
            BacktestResult b = new WalkForwardBacktest(Options).Run(perturbed, StrategyCatalog.BuiltIn.Create(name, parameters));
            int first = original.Dates.ToList().IndexOf(a.DecisionDates[0]);
            int known = (cut - first + 1) * original.AssetCount;
            if (known > 0 && !a.TargetWeights.Take(known).SequenceEqual(b.TargetWeights.Take(known)))
            {
                return false;
            }

            if (a.TargetWeights.SequenceEqual(b.TargetWeights) && cut < original.RowCount - 2 && name == "ridge")
            {
                return false; // the perturbation must matter later, or the test proves nothing
            }
        }

        return true;
    }

    [Fact]
    public void Equal_weight_charges_its_first_trade_and_measures_excess_of_cash()
    {
        BacktestDataset data = Synthetic.Dataset();
        BacktestResult result = new WalkForwardBacktest(Options).Run(data, StrategyCatalog.BuiltIn.Create("equal-weight"));

        int first = data.Dates.ToList().IndexOf(result.DecisionDates[0]);
        Assert.Equal(0.5, result.Simulation.HeldWeights[0]);
        Assert.Equal(0, result.Simulation.HeldWeights[2]); // CASH
        Assert.Equal(0.5 * (data.PeriodReturn(first, 0) + data.PeriodReturn(first, 1)), result.GrossReturns.Values[0], 15);
        Assert.Equal(1.0 * 5 / 10_000, result.Simulation.Costs[0], 15); // from nothing to 50/50: traded notional 1
        Assert.Equal(data.RealizedAt[first], result.NetReturns.Dates[0]);
        Assert.Equal(result.Folds.Count, (int)Math.Ceiling((data.RowCount - first) / 12.0));
        Assert.All(result.Folds, f => Assert.Equal(0, f.TrainSamples)); // it learns nothing
        Assert.NotNull(result.RiskFree);
    }

    [Fact]
    public void Combinatorial_cv_reports_every_path()
    {
        var options = Options with { WalkForward = new WalkForwardOptions { Combinatorial = new CombinatorialOptions { Groups = 5, TestGroups = 2 } } };

        BacktestResult result = new WalkForwardBacktest(options).Run(Synthetic.Dataset(rows: 200), StrategyCatalog.BuiltIn.Create("ridge", new Dictionary<string, string> { ["horizon"] = "2" }));

        Assert.Equal(4, result.Paths!.Count); // C(5,2) * 2 / 5
        Assert.Equal(10, result.Folds.Count);
        Assert.Equal(200, result.NetReturns.Count);
        Assert.Equal(result.Paths.Average(p => p.Sharpe!.Value), result.MeanFoldSharpe!.Value, 12);
        Assert.True(result.Paths.Select(p => p.Sharpe).Distinct().Count() > 1);
    }

    [Fact]
    public void A_strategy_naming_an_unknown_asset_fails_with_its_name()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            new WalkForwardBacktest(Options).Run(Synthetic.Dataset(), StrategyCatalog.BuiltIn.Create("sixty-forty", new Dictionary<string, string> { ["equity"] = "A0", ["bond"] = "NOPE" })));

        Assert.Contains("asset 'NOPE'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purge_shorter_than_the_label_horizon_fails_before_anything_runs()
    {
        var options = Options with { WalkForward = new WalkForwardOptions { TrainPeriods = 60, Purge = 1 } };

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            new WalkForwardBacktest(options).Run(Synthetic.Dataset(), StrategyCatalog.BuiltIn.Create("ridge", new Dictionary<string, string> { ["horizon"] = "3" })));

        Assert.Contains("walkForward.Purge is 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Datasets_name_a_missing_return_and_an_unknown_risk_free_asset()
    {
        DateOnly[] dates = [Synthetic.MonthEnd(0), Synthetic.MonthEnd(1)];

        Assert.Contains("'B' after 1990-02-28", Assert.Throws<ArgumentException>(() =>
            BacktestDataset.Create(dates, Synthetic.MonthEnd(2), ["A", "B"], [0.01, 0.02, 0.0, double.NaN], [], [])).Message, StringComparison.Ordinal);
        Assert.Contains("risk-free asset 'CASH'", Assert.Throws<ArgumentException>(() =>
            BacktestDataset.Create(dates, Synthetic.MonthEnd(2), ["A", "B"], [0.01, 0.02, 0.0, 0.0], [], [], "CASH")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategy_parameters_are_checked_by_name()
    {
        Assert.Contains("has no parameter 'lamda'", Assert.Throws<ArgumentException>(() =>
            StrategyCatalog.BuiltIn.Create("ridge", new Dictionary<string, string> { ["lamda"] = "1" })).Message, StringComparison.Ordinal);
        Assert.Contains("parameter 'lookback' is '-3'", Assert.Throws<ArgumentException>(() =>
            StrategyCatalog.BuiltIn.Create("momentum", new Dictionary<string, string> { ["lookback"] = "-3" })).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown strategy 'magic'", Assert.Throws<ArgumentException>(() => StrategyCatalog.BuiltIn.Create("magic")).Message, StringComparison.Ordinal);
    }
}
