using MacroLab.Data.Features;
using MacroLab.Data;
using MacroLab.Data.PointInTime;
using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Stages;

/// <summary>What the backtest stage runs: which Gold data, which strategy or grid, and the gates.</summary>
public sealed record BacktestStageOptions
{
    /// <summary>The run's name; outputs go to <c>gold/backtests/&lt;name&gt;/...</c>. Default <c>baseline</c>.</summary>
    public string Name { get; init; } = "baseline";

    /// <summary>The Gold feature set. Default <c>macro_monthly</c>.</summary>
    public string FeatureSet { get; init; } = MacroFeatureSet.DefaultName;

    /// <summary>
    /// Gold signal sets (<c>gold/signals/&lt;name&gt;</c> or <c>&lt;name&gt;@&lt;variant&gt;</c>, e.g. the walk-forward CATE signals of MacroLab.Causal) whose columns are
    /// added to the features, on the same decision dates. Empty by default.
    /// </summary>
    public IReadOnlyList<string> Signals { get; init; } = [];

    /// <summary>Whether the signal sets' interval bounds join the features too (for <c>signal-sign</c> with <c>significant</c>); false by default.</summary>
    public bool SignalIntervals { get; init; }

    /// <summary>The feature columns the strategies read (the signal sets' columns are added to them); null for every column.</summary>
    /// <value>Default: null.</value>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>The asset universe whose labels give the returns. Default <c>us_macro5</c>.</summary>
    public string Universe { get; init; } = AssetUniverse.DefaultName;

    /// <summary>The decision calendar the Gold tables were built on (which one-period labels the returns come from).</summary>
    /// <value>Default: <see cref="DecisionFrequency.MonthEnd"/>.</value>
    public DecisionFrequency Frequency { get; init; } = DecisionFrequency.MonthEnd;

    /// <summary>The assets to trade; null for every asset with a one-period label.</summary>
    public IReadOnlyList<string>? Assets { get; init; }

    /// <summary>The risk-free asset (excess returns for Sharpe, funding for tilts); null when returns are already excess. Default <c>CASH</c>.</summary>
    public string? RiskFreeAsset { get; init; } = AssetUniverse.DefaultRiskFreeAsset;

    /// <summary>The first decision date to use, or null for the first with every asset's return.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>The last decision date to use, or null.</summary>
    public DateOnly? End { get; init; }

    /// <summary>The built-in strategy. Default <c>ridge</c>.</summary>
    public string Strategy { get; init; } = "ridge";

    /// <summary>The strategy's parameters for a single run (ignored when <see cref="Grid"/> is set).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>A hyper-parameter grid; when set, every combination is a trial and the best is reported.</summary>
    public ParameterGrid? Grid { get; init; }

    /// <summary>
    /// Several candidate strategies, each with its grid, searched together (trials of every candidate compete and all count
    /// in the winner's DSR); when set, <see cref="Strategy"/>, <see cref="Parameters"/> and <see cref="Grid"/> are ignored.
    /// </summary>
    public IReadOnlyList<StrategyGrid>? Candidates { get; init; }

    /// <summary>The candidates this run searches: <see cref="Candidates"/>, else <see cref="Strategy"/> with <see cref="Grid"/>; null for a single run.</summary>
    internal IReadOnlyList<StrategyGrid>? Search =>
        Candidates is { Count: > 0 } candidates ? candidates : Grid is { } grid ? [new StrategyGrid(Strategy, grid)] : null;

    /// <summary>The backtest options. Default: monthly, expanding walk-forward from 120 months, yearly refits in January, 5 bp costs.</summary>
    public BacktestOptions Backtest { get; init; } = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 120, TestPeriods = 12, AlignToMonth = 1 },
    };

    /// <summary>
    /// The lockbox: how many of the last decision dates (those with every asset's return) are held out. The stage runs, and
    /// reports, only the decisions before them, as if the data ended there; the held-out span is named in
    /// <c>results.json</c> so that a later step can open it once a candidate is about to be promoted. 0 (the default) holds
    /// nothing out.
    /// </summary>
    public int HoldOutPeriods { get; init; }

    /// <summary>The promotion gates.</summary>
    public GateOptions Gates { get; init; } = new();

    /// <summary>Selection constraints of a grid.</summary>
    public GridSearchOptions GridSearch { get; init; } = new();

    /// <summary>The most grid trials at once; null for the processor count.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>Recompute even when the outputs are up to date, every grid trial included (stored trials are not reused; new ones are saved).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Checks everything that can be checked before data is read: that the strategy of every grid trial exists and accepts
    /// its parameters, the walk-forward and simulation options for each trial's label horizon, the gates and the
    /// parallelism.
    /// </summary>
    /// <param name="catalog">Where the strategies are found; <see cref="StrategyCatalog.BuiltIn"/> when null.</param>
    /// <exception cref="ArgumentException">Something is invalid; the message names the field.</exception>
    public void Validate(StrategyCatalog? catalog = null)
    {
        catalog ??= StrategyCatalog.BuiltIn;
        IEnumerable<(string Strategy, IReadOnlyDictionary<string, string> Parameters)> trials = Search is { } search
            ? search.SelectMany(c => c.Grid.Combinations().Select(t => (c.Strategy, t)))
            : [(Strategy, Parameters)];
        foreach ((string name, IReadOnlyDictionary<string, string> trial) in trials)
        {
            ITiltStrategy strategy = catalog.Create(name, trial);
            Backtest.Validate(strategy.LabelHorizon, Backtest.Simulation.CostBps?.Count ?? Assets?.Count ?? 1);
        }

        Gates.Validate();
        if (MaxParallelism is < 1)
        {
            throw new ArgumentException($"maxParallelism is {MaxParallelism}; it must be at least 1.");
        }
    }

    /// <summary>The Gold tables these options read.</summary>
    internal GoldDatasetRequest GoldData => new()
    {
        FeatureSet = FeatureSet, Features = Features, Signals = Signals, SignalIntervals = SignalIntervals, Universe = Universe, Frequency = Frequency, Assets = Assets, RiskFreeAsset = RiskFreeAsset, Start = Start, End = End,
    };
}
