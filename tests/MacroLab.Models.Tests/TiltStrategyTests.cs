using MacroLab.Backtest;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;
using MacroLab.Models.Strategies;

namespace MacroLab.Models.Tests;

/// <summary>The TorchSharp models inside walk-forward backtests: they learn, they repeat, they never look ahead.</summary>
public sealed class TiltStrategyTests
{
    private static readonly StrategyCatalog Catalog = StrategyCatalog.BuiltIn.WithTiltModels();

    private static readonly BacktestOptions Options = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 96, TestPeriods = 24 },
    };

    private static readonly Dictionary<string, string> Fast = new()
    {
        ["hidden"] = "16", ["epochs"] = "60", ["patience"] = "60", ["dropout"] = "0", ["learningRate"] = "0.01", ["minCoverage"] = "0.5",
    };

    [Fact]
    public void The_mlp_learns_a_signal_out_of_sample_in_every_fold()
    {
        BacktestDataset data = Panel(rows: 240, signal: 0.03, seed: 1);

        BacktestResult mlp = new WalkForwardBacktest(Options).Run(data, Catalog.Create(TiltModelStrategies.Mlp, Fast));
        BacktestResult equal = new WalkForwardBacktest(Options).Run(data, Catalog.Create("equal-weight"));

        Assert.True(mlp.Metrics.Sharpe > equal.Metrics.Sharpe + 0.5, $"MLP Sharpe {mlp.Metrics.Sharpe}, equal weight {equal.Metrics.Sharpe}");
        Assert.Equal(6, mlp.Folds.Count);
        Assert.All(mlp.Folds, fold => Assert.True(fold.TrainSamples >= 95, $"fold {fold.Index}: {fold.TrainSamples} samples"));

        // Weights are 1/N plus a bounded tilt in the risky assets, funded from cash.
        for (int t = 0; t < mlp.DecisionDates.Count; t++)
        {
            double a0 = mlp.TargetWeights[(t * 3) + 0], a1 = mlp.TargetWeights[(t * 3) + 1], cash = mlp.TargetWeights[(t * 3) + 2];
            Assert.InRange(Math.Abs(a0 - 0.5) + Math.Abs(a1 - 0.5), 0, 1 + 1e-6);
            Assert.Equal(1, a0 + a1 + cash, 12);
        }
    }

    [Fact]
    public void The_same_data_and_parameters_give_bit_identical_weights_and_another_seed_does_not()
    {
        BacktestDataset data = Panel(rows: 168, signal: 0.02, seed: 2);

        BacktestResult first = new WalkForwardBacktest(Options).Run(data, Catalog.Create(TiltModelStrategies.Mlp, Fast));
        BacktestResult second = new WalkForwardBacktest(Options).Run(data, Catalog.Create(TiltModelStrategies.Mlp, Fast));
        BacktestResult other = new WalkForwardBacktest(Options).Run(data, Catalog.Create(TiltModelStrategies.Mlp, new Dictionary<string, string>(Fast) { ["seed"] = "9" }));

        Assert.Equal(first.TargetWeights, second.TargetWeights);
        Assert.NotEqual(first.TargetWeights, other.TargetWeights);
    }

    [Theory]
    [InlineData(110)]
    [InlineData(131)]
    public void Changing_anything_after_a_decision_leaves_every_weight_up_to_it_unchanged(int cut)
    {
        BacktestDataset original = Panel(rows: 168, signal: 0.02, seed: 3);
        BacktestDataset perturbed = BacktestPerturbation.ChangeAfter(original, cut, 99);
        var transformer = new Dictionary<string, string>
        {
            ["lookback"] = "3", ["width"] = "8", ["heads"] = "2", ["feedForward"] = "8", ["epochs"] = "10", ["minCoverage"] = "0.5",
        };

        foreach ((string name, Dictionary<string, string> parameters) in new[] { (TiltModelStrategies.Mlp, Fast), (TiltModelStrategies.Transformer, transformer) })
        {
            BacktestResult a = new WalkForwardBacktest(Options).Run(original, Catalog.Create(name, parameters));
            BacktestResult b = new WalkForwardBacktest(Options).Run(perturbed, Catalog.Create(name, parameters));
            int first = original.Dates.ToList().IndexOf(a.DecisionDates[0]);
            int known = (cut - first + 1) * original.AssetCount;

            Assert.True(known > 0);
            Assert.Equal(a.TargetWeights.Take(known), b.TargetWeights.Take(known));
            Assert.NotEqual(a.TargetWeights, b.TargetWeights); // the change matters later, so the test can fail
        }
    }

    [Fact]
    public void The_transformer_reads_a_window_of_history_and_trains_in_each_fold()
    {
        BacktestDataset data = Panel(rows: 168, signal: 0.02, seed: 4, lagged: true);
        var parameters = new Dictionary<string, string>
        {
            ["lookback"] = "4", ["width"] = "8", ["heads"] = "2", ["feedForward"] = "16", ["epochs"] = "40", ["learningRate"] = "0.01", ["dropout"] = "0", ["minCoverage"] = "0.5",
        };

        BacktestResult result = new WalkForwardBacktest(Options).Run(data, Catalog.Create(TiltModelStrategies.Transformer, parameters));

        Assert.Equal(3, result.Folds.Count);
        Assert.All(result.TargetWeights, w => Assert.True(double.IsFinite(w)));
        Assert.True(result.TargetWeights.Distinct().Count() > 20, "the tilts vary with the inputs");
    }

    [Fact]
    public void The_final_model_trains_on_every_realised_sample_with_the_covered_features()
    {
        BacktestDataset data = Panel(rows: 150, signal: 0.02, seed: 5);
        var strategy = (TiltNetworkStrategy)Catalog.Create(TiltModelStrategies.Mlp, new Dictionary<string, string>(Fast) { ["minCoverage"] = "0.9", ["horizon"] = "2" });

        using TrainingResult final = strategy.Train(TrainingSet.AllRealized(data, 2), "final", new Dictionary<string, string> { ["gold/features/x"] = "abc" });

        // f2 is missing on the first 40 rows (27% of them), so 90% coverage leaves it out.
        Assert.Equal(["f0", "f1"], final.Model.FeatureNames);
        Assert.Equal(["A0", "A1"], final.Model.Assets);
        Assert.Equal(2, final.Model.Card.Horizon);
        Assert.Equal(data.Dates[148], final.Model.Card.ValidationWindow!.Last);
        Assert.Equal("abc", final.Model.Card.Lineage["gold/features/x"]);
        Assert.Throws<ArgumentException>(() => strategy.Train(TrainingSet.AllRealized(data, 1), "wrong horizon"));
    }

    [Fact]
    public void Parameters_are_resolved_with_defaults_and_bad_ones_are_named()
    {
        ITiltStrategy mlp = Catalog.Create(TiltModelStrategies.Mlp, new Dictionary<string, string> { ["hidden"] = "32-16", ["loss"] = "sharpe" });
        var strategy = Assert.IsType<TiltNetworkStrategy>(mlp);

        Assert.Equal([32, 16], strategy.Model.Mlp.HiddenSizes);
        Assert.Equal(TiltLoss.NegativeSharpe, strategy.Training.Loss);
        Assert.Equal("42", mlp.Parameters["seed"]);
        Assert.Equal("32-16", mlp.Parameters["hidden"]);
        Assert.Equal("gelu", mlp.Parameters["activation"]);
        Assert.Empty(Assert.IsType<TiltNetworkStrategy>(Catalog.Create(TiltModelStrategies.Mlp, new Dictionary<string, string> { ["hidden"] = "none" })).Model.Mlp.HiddenSizes);
        Assert.Equal(12, Assert.IsType<TiltNetworkStrategy>(Catalog.Create(TiltModelStrategies.Transformer)).Model.Lookback);

        Assert.Contains("'hidden' is '32-x'", Assert.Throws<ArgumentException>(() => Catalog.Create(TiltModelStrategies.Mlp, new Dictionary<string, string> { ["hidden"] = "32-x" })).Message, StringComparison.Ordinal);
        Assert.Contains("has no parameter 'lookback'", Assert.Throws<ArgumentException>(() => Catalog.Create(TiltModelStrategies.Mlp, new Dictionary<string, string> { ["lookback"] = "3" })).Message, StringComparison.Ordinal);
        Assert.Contains("'loss' is 'mae'", Assert.Throws<ArgumentException>(() => Catalog.Create(TiltModelStrategies.Transformer, new Dictionary<string, string> { ["loss"] = "mae" })).Message, StringComparison.Ordinal);
        Assert.Contains("ModelWidth", Assert.Throws<ArgumentException>(() => Catalog.Create(TiltModelStrategies.Transformer, new Dictionary<string, string> { ["width"] = "10", ["heads"] = "4" })).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Month ends, two risky assets and cash. A0's next return rises with f0 (or, when <paramref name="lagged"/>, with f0
    /// two months earlier, which only a model with a window can see); f1 is noise; f2 is noise missing on the first 40 rows.
    /// </summary>
    private static BacktestDataset Panel(int rows, double signal, int seed, bool lagged = false)
    {
        var random = new Random(seed);
        DateOnly[] dates = [.. Enumerable.Range(0, rows).Select(i => new DateOnly(1980, 1, 1).AddMonths(i + 1).AddDays(-1))];
        var features = new double[rows * 3];
        var returns = new double[rows * 3];
        for (int t = 0; t < rows; t++)
        {
            features[t * 3] = SyntheticPanels.Gaussian(random);
            features[(t * 3) + 1] = SyntheticPanels.Gaussian(random);
            features[(t * 3) + 2] = t < 40 ? double.NaN : SyntheticPanels.Gaussian(random);
        }

        for (int t = 0; t < rows; t++)
        {
            double driver = lagged ? (t >= 2 ? features[(t - 2) * 3] : 0) : features[t * 3];
            returns[t * 3] = 0.004 + (signal * driver) + (0.02 * SyntheticPanels.Gaussian(random));
            returns[(t * 3) + 1] = 0.004 + (0.02 * SyntheticPanels.Gaussian(random));
            returns[(t * 3) + 2] = 0.002;
        }

        return BacktestDataset.Create(dates, dates[^1].AddMonths(1), ["A0", "A1", "CASH"], returns, ["f0", "f1", "f2"], features, "CASH");
    }
}
