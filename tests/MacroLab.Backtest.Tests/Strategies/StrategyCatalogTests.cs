using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Tests.Strategies;

public sealed class StrategyCatalogTests
{
    private static readonly BacktestOptions Options = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 60, TestPeriods = 12 },
    };

    [Fact]
    public void The_built_in_catalog_lists_its_strategies_and_is_not_changed_by_extending_it()
    {
        StrategyCatalog extended = StrategyCatalog.BuiltIn.With("constant", p => new ConstantStrategy(p.Number("weight", 0.5, 0, 1)));

        Assert.Equal(["equal-weight", "momentum", "ridge", "signal-sign", "sixty-forty"], StrategyCatalog.BuiltIn.Names);
        Assert.True(extended.Contains("constant"));
        Assert.False(StrategyCatalog.BuiltIn.Contains("constant"));
        Assert.Equal("constant", extended.Create("constant", new Dictionary<string, string> { ["weight"] = "0.25" }).Name);
    }

    [Fact]
    public void An_added_strategy_gets_the_same_parameter_checks_as_the_built_in_ones()
    {
        StrategyCatalog catalog = StrategyCatalog.BuiltIn.With("constant", p => new ConstantStrategy(p.Number("weight", 0.5, 0, 1)));

        ArgumentException typo = Assert.Throws<ArgumentException>(() => catalog.Create("constant", new Dictionary<string, string> { ["wieght"] = "0.2" }));
        ArgumentException range = Assert.Throws<ArgumentException>(() => catalog.Create("constant", new Dictionary<string, string> { ["weight"] = "2" }));
        ArgumentException unknown = Assert.Throws<ArgumentException>(() => catalog.Create("magic"));

        Assert.Contains("has no parameter 'wieght'; it takes: weight", typo.Message, StringComparison.Ordinal);
        Assert.Contains("parameter 'weight' is '2'", range.Message, StringComparison.Ordinal);
        Assert.Contains("constant", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => catalog.With("has space", _ => new ConstantStrategy(0)));
    }

    [Fact]
    public void Parameters_read_flags_and_choices_naming_the_strategy()
    {
        var p = new StrategyParameters("s", new Dictionary<string, string> { ["on"] = "true", ["mode"] = "fast", ["bad"] = "yes" });

        Assert.True(p.Flag("on", false));
        Assert.False(p.Flag("absent", false));
        Assert.Equal("fast", p.Choice("mode", "slow", "slow", "fast"));
        Assert.Equal("slow", p.Choice("other", "slow", "slow", "fast"));
        Assert.Contains("Strategy 's': parameter 'bad' is 'yes'; it must be true or false", Assert.Throws<ArgumentException>(() => p.Flag("bad", false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_over_several_candidates_numbers_trials_across_them_and_deflates_by_all()
    {
        BacktestDataset data = Synthetic.Dataset(rows: 200);
        StrategyGrid[] candidates =
        [
            new("ridge", new ParameterGrid([new("lambda", ["1", "100"])])),
            new("momentum", new ParameterGrid([new("lookback", ["3", "6", "12"])])),
        ];

        GridSearchResult search = await new GridSearch(Options).RunAsync(data, candidates);
        GridSearchResult ridgeOnly = await new GridSearch(Options).RunAsync(data, "ridge", candidates[0].Grid);

        Assert.Equal(5, search.Trials.Count);
        Assert.Equal([0, 1, 2, 3, 4], search.Trials.Select(t => t.Trial.Index));
        Assert.Equal(["ridge", "ridge", "momentum", "momentum", "momentum"], search.Trials.Select(t => t.Trial.Strategy));
        Assert.Equal(5, search.SelectedResult!.Metrics.Trials);
        Assert.Equal(ridgeOnly.Trials[0].Sharpe, search.Trials[0].Sharpe);
        TrialOutcome best = search.Trials.Where(t => t.MeanFoldSharpe is not null).MaxBy(t => t.MeanFoldSharpe)!;
        Assert.Equal(best.Trial.Id, search.Selected!.Trial.Id);
        Assert.NotEqual(search.Experiment, ridgeOnly.Experiment);
    }

    [Fact]
    public void Disposable_models_are_disposed_after_their_fold()
    {
        var strategy = new DisposableStrategy();

        BacktestResult result = new WalkForwardBacktest(Options).Run(Synthetic.Dataset(rows: 120), strategy);

        Assert.Equal(result.Folds.Count, strategy.Fitted);
        Assert.Equal(strategy.Fitted, strategy.Disposed);
    }

    [Fact]
    public void While_fitting_a_model_may_read_history_before_a_sample_but_never_a_test_decision()
    {
        BacktestDataset data = Synthetic.Dataset(rows: 120);
        var probe = new HistoryProbe();

        new WalkForwardBacktest(Options).Run(data, probe);

        Assert.All(probe.Checks, check => Assert.True(check.Allowed, $"fold from row {check.DecisionRow}: {check.Note}"));
        Assert.NotEmpty(probe.Checks);
    }

    [Fact]
    public void The_final_training_set_holds_every_sample_whose_label_is_realised()
    {
        BacktestDataset data = Synthetic.Dataset(rows: 100);

        TrainingSet all = TrainingSet.AllRealized(data, horizon: 3);

        Assert.Equal(98, all.Count);
        Assert.Equal(data.RowCount, all.DecisionRow);
        Assert.Equal(data.CompoundedReturn(97, 3, 0), all.Labels(97)[0]);
        Assert.Equal(data.FeatureRow(99).ToArray(), all.FeaturesAt(99).ToArray());
        Assert.Throws<LookAheadException>(() => all.FeaturesAt(100).ToArray());
    }

    [Fact]
    public void A_results_document_reads_back_what_was_written()
    {
        BacktestDataset data = Synthetic.Dataset(rows: 120);
        BacktestResult result = new WalkForwardBacktest(Options).Run(data, StrategyCatalog.BuiltIn.Create("momentum"));

        byte[] json = BacktestJson.Serialize(BacktestRecord.Of("run", data, result));
        BacktestRecord read = BacktestJson.Deserialize(json, "results.json");

        Assert.Equal(("run", "momentum"), (read.Name, read.Strategy));
        Assert.Equal(result.Metrics with { Undefined = read.Metrics.Undefined }, read.Metrics);
        Assert.Equal(result.Metrics.Undefined, read.Metrics.Undefined);
        Assert.Equal(json, BacktestJson.Serialize(read));
        Assert.Equal(BacktestJson.Serialize(result.Metrics), BacktestJson.Serialize(read.Metrics));
        Assert.Equal(result.NetReturns.Values.ToArray(), read.Returns.Select(r => r.Net));
        Assert.Equal(result.Folds.Count, read.Folds.Count);
        Assert.Equal(Options.WalkForward.TrainPeriods, read.Options.WalkForward.TrainPeriods);
        Assert.Contains("$.metrics", Assert.Throws<InvalidDataException>(() => BacktestJson.Deserialize("{\"metrics\": 3}"u8, "bad.json")).Message, StringComparison.Ordinal);
        string nested = Assert.Throws<InvalidDataException>(() => BacktestJson.Deserialize("{\"name\": \"x\", \"metrics\": {\"sharpe\": \"high\"}}"u8, "bad.json")).Message;
        Assert.Contains("bad.json: $.metrics", nested, StringComparison.Ordinal);
        Assert.Contains("$.sharpe", nested, StringComparison.Ordinal);
    }

    private sealed class ConstantStrategy(double weight) : ITiltStrategy, ITiltModel
    {
        public string Name => "constant";

        public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string> { ["weight"] = weight.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        public int LabelHorizon => 0;

        public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken) => this;

        public void Predict(MarketHistory history, Span<double> weights) => weights.Fill(weight / weights.Length);
    }

    private sealed class DisposableStrategy : ITiltStrategy
    {
        public int Fitted { get; private set; }

        public int Disposed { get; private set; }

        public string Name => "disposable";

        public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>();

        public int LabelHorizon => 1;

        public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken)
        {
            Fitted++;
            return new Model(this);
        }

        private sealed class Model(DisposableStrategy owner) : ITiltModel, IDisposable
        {
            public void Predict(MarketHistory history, Span<double> weights) => weights.Fill(1.0 / weights.Length);

            public void Dispose() => owner.Disposed++;
        }
    }

    private sealed class HistoryProbe : ITiltStrategy, ITiltModel
    {
        public List<(int DecisionRow, bool Allowed, string Note)> Checks { get; } = [];

        public string Name => "probe";

        public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>();

        public int LabelHorizon => 2;

        public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken)
        {
            int last = training.Row(training.Count - 1);

            // Rows between the last sample and the decision (the purge) are history, not test decisions: readable.
            Checks.Add((training.DecisionRow, training.FeaturesAt(last + 1).Length == training.FeatureCount, "purged row"));
            Checks.Add((training.DecisionRow, Throws(() => training.FeaturesAt(training.DecisionRow)), "first decision"));
            Checks.Add((training.DecisionRow, Throws(() => training.FeaturesAt(training.DecisionRow + 5)), "later decision"));
            Checks.Add((training.DecisionRow, training.DateAt(training.DecisionRow) > training.Date(training.Count - 1), "dates"));
            return this;
        }

        public void Predict(MarketHistory history, Span<double> weights) => weights.Fill(1.0 / weights.Length);

        private static bool Throws(Action read)
        {
            try
            {
                read();
                return false;
            }
            catch (LookAheadException)
            {
                return true;
            }
        }
    }
}
