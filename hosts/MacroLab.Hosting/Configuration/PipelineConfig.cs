using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Hosting.Configuration;

/// <summary>
/// Everything <c>macrolab run</c> does, in one file (JSON or YAML; <c>macrolab config init</c> writes the defaults with
/// comments): the data sources, the features (series and transforms), the treatments whose CATE signals are built, the
/// candidate models and their grid, walk-forward, costs, gates and the registry. A file overrides these defaults field by
/// field; a list replaces the default list. Unknown fields are errors.
/// </summary>
public sealed record PipelineConfig
{
    /// <summary>The pipeline's name: the backtest (<c>gold/backtests/&lt;name&gt;</c>), model and run folders, and by default the registered model.</summary>
    /// <value>Default: <c>macro_tilt</c>.</value>
    public string Name { get; set; } = "macro_tilt";

    /// <summary>
    /// The default master seed of every host and verb (the pipeline, <c>macrolab signals</c>, <c>macrolab cate</c>), so that a
    /// verb run by hand reproduces the pipeline's stage. It equals the tilt models' own default training seed.
    /// </summary>
    public const int DefaultSeed = 42;

    /// <summary>The master seed: every learner and network that the file does not give a seed of its own gets this one.</summary>
    /// <value>Default: <see cref="DefaultSeed"/> (42).</value>
    public int Seed { get; set; } = DefaultSeed;

    /// <summary>The raw files to ingest.</summary>
    public DataConfig Data { get; set; } = new();

    /// <summary>How Gold features and labels are built.</summary>
    public FeaturesConfig Features { get; set; } = new();

    /// <summary>The macro surprises whose walk-forward CATE signals join the features.</summary>
    /// <value>Default: the CPI-inflation surprise against an AR(1) expectation, X-Learner with linear base learners.</value>
    public IReadOnlyList<TreatmentConfig> Treatments { get; set; } = [new TreatmentConfig()];

    /// <summary>The candidate models, their grid and the benchmarks.</summary>
    public ModelsConfig Models { get; set; } = new();

    /// <summary>The assets to build returns and labels for, with their costs and weight caps; null for <c>us_macro5</c>.</summary>
    /// <value>Default: null (US equity, SMB, HML, the 10-year Treasury and cash, from the Fama-French factors and H.15).</value>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public UniverseConfig? Universe { get; set; }

    /// <summary>Periods per year, for annualising.</summary>
    /// <value>Default: 12 (monthly decisions).</value>
    public int PeriodsPerYear { get; set; } = 12;

    /// <summary>The calendars a configuration may name.</summary>
    public static IReadOnlyList<string> Calendars { get; } = ["month-end", "week-end", "business-day"];

    /// <summary>
    /// How often decisions are taken: <c>month-end</c>, <c>week-end</c> (Fridays) or <c>business-day</c> (Monday to Friday).
    /// Features, asset returns, labels (<c>fwd&lt;h&gt;m</c>, <c>w</c>, <c>d</c>), the walk-forward (whose periods, purge and
    /// embargo count decisions), the simulator and the metrics (<see cref="PeriodsPerYear"/>) follow it. A weekly or daily
    /// calendar needs daily asset data (for Fama-French, the daily factor file).
    /// </summary>
    /// <value>Default: <c>month-end</c> (kept out of the configuration's canonical form, so that monthly configurations keep their hash).</value>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Calendar
    {
        get => _calendar;
        set => _calendar = value == "month-end" ? null : value;
    }

    private string? _calendar;

    /// <summary>The walk-forward: refit cadence, training window, purge and embargo.</summary>
    /// <value>Default: expanding window of at least 120 months, refits every 12 months aligned to January, purge = label horizon, no embargo.</value>
    public WalkForwardOptions WalkForward { get; set; } = new() { TrainPeriods = 120, TestPeriods = 12, AlignToMonth = 1 };

    /// <summary>Costs, leverage and rebalancing of the simulated portfolio.</summary>
    /// <value>Default: 5 bp of traded notional per asset, gross leverage at most 2, monthly rebalancing.</value>
    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>Constraints a trial must meet to be selected.</summary>
    /// <value>Default: drawdown at most 50 %, annual turnover at most 12.</value>
    public GridSearchOptions Selection { get; set; } = new();

    /// <summary>The final months held out of every backtest, selection and gate, opened only for a candidate about to be promoted.</summary>
    /// <value>Default: the last 36 months.</value>
    public LockboxConfig Lockbox { get; set; } = new();

    /// <summary>The promotion gates on the selected model's out-of-sample record.</summary>
    /// <value>Default: Sharpe at least 0.3, drawdown at most 30 %, annual turnover at most 4, DSR at least 0.95, at least 60 periods.</value>
    public GateOptions Gates { get; set; } = new();

    /// <summary>Checks of the trained model itself, beside the gates.</summary>
    public ValidationConfig Validation { get; set; } = new();

    /// <summary>The retraining policy: drift of the model's inputs after each ingest, and the champion's live record.</summary>
    public MonitoringConfig Monitoring { get; set; } = new();

    /// <summary>Where the model is registered and how it is promoted.</summary>
    public RegistryConfig Registry { get; set; } = new();
}
