using MacroLab.Backtest;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Metrics;
using MacroLab.Scoring;
using MacroLab.Registry;

namespace MacroLab.Hosting.Documents;

/// <summary>
/// The run summary (<c>summary.json</c>): the numbers of the run report, for machines. Everything in it is computed from
/// lake datasets whose digests are in <see cref="Lineage"/>.
/// </summary>
public sealed record RunSummaryDocument
{
    /// <summary>The document layout version.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The pipeline's name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>What happened to the model: <c>promoted</c>, <c>rejected</c>, <c>not-promoted</c> or <c>not-registered</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>Why, in one line.</summary>
    public required string DecisionReason { get; init; }

    /// <summary>The selected candidate and how it was chosen.</summary>
    public required SelectionSummary Selection { get; init; }

    /// <summary>Its out-of-sample metrics, net of costs.</summary>
    public required PerformanceMetrics OutOfSample { get; init; }

    /// <summary>Its turnover, costs and leverage.</summary>
    public required TradingStatistics Trading { get; init; }

    /// <summary>The benchmarks on the same walk-forward.</summary>
    public required IReadOnlyList<BenchmarkSummary> Benchmarks { get; init; }

    /// <summary>Each fold of the selected trial.</summary>
    public required IReadOnlyList<FoldSummary> Folds { get; init; }

    /// <summary>The gates and checks.</summary>
    public required GatesDocument Gates { get; init; }

    /// <summary>The final model.</summary>
    public required ModelSummary Model { get; init; }

    /// <summary>The registry entry and its alias.</summary>
    public RegistrySummary? Registry { get; init; }

    /// <summary>The mean CATE of each treatment on each asset within each growth/inflation regime.</summary>
    public required IReadOnlyList<RegimeEffect> CateByRegime { get; init; }

    /// <summary>How much each input moves the final model's tilts (occlusion: the mean absolute change when the input is set to its mean).</summary>
    public required IReadOnlyList<FeatureImportance> Importance { get; init; }

    /// <summary>Each asset's contribution to the return over equal weight, from the tilts.</summary>
    public required IReadOnlyList<TiltAttribution> Attribution { get; init; }

    /// <summary>The share of the model's known input cells (out of sample) resting on pseudo-real-time (first-vintage backfill) data.</summary>
    public required double PseudoRealTimeShare { get; init; }

    /// <summary>How much of the model's inputs rest on real-time vintages, by family and decade.</summary>
    public RealTimeSummary? RealTime { get; init; }

    /// <summary>The same selected trial on revised data: what a backtest blind to revisions would claim.</summary>
    public RevisionCost? Revisions { get; init; }

    /// <summary>The model's decision at every month end from the first out-of-sample decision to the newest Gold date, in short.</summary>
    public DecisionSummary? Decisions { get; init; }

    /// <summary>The raw data vintages ingested (Bronze datasets) with their digests.</summary>
    public required IReadOnlyList<LineageDataset> DataVintages { get; init; }

    /// <summary>Every lake dataset the model rests on, with its content SHA-256.</summary>
    public required IReadOnlyList<LineageDataset> Lineage { get; init; }

    /// <summary>The SHA-256 of the canonical configuration.</summary>
    public required string ConfigSha256 { get; init; }

    /// <summary>The git commit of the code, or null.</summary>
    public string? GitCommit { get; init; }

    /// <summary>Whether the code had uncommitted changes, or null when unknown.</summary>
    public bool? GitDirty { get; init; }

    /// <summary>Package versions.</summary>
    public required IReadOnlyDictionary<string, string> Packages { get; init; }
}

/// <summary>The selected candidate.</summary>
/// <param name="Strategy">Its strategy.</param>
/// <param name="Parameters">Its parameters, every one resolved (defaults included).</param>
/// <param name="TrialParameters">The parameters its trial gave (the grid's values and the fixed ones).</param>
/// <param name="Trials">How many trials competed (all count in the DSR).</param>
/// <param name="Reason">Why it was selected.</param>
/// <param name="SelectedTrial">The selected trial's id, or null for a single run.</param>
/// <param name="TrialOutcomes">Every trial, in grid order: strategy, parameters, mean fold Sharpe, Sharpe, drawdown, turnover.</param>
public sealed record SelectionSummary(
    string Strategy, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> TrialParameters, int Trials, string Reason, string? SelectedTrial, IReadOnlyList<MacroLab.Backtest.Grid.TrialOutcome> TrialOutcomes)
{
    /// <summary>Where the grid selected (nested inside the walk-forward, or global with hindsight); null for a single run.</summary>
    public MacroLab.Backtest.Grid.SelectionMode? Mode { get; init; }
}

/// <summary>A benchmark's record.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Metrics">Its out-of-sample metrics.</param>
/// <param name="Trading">Its trading statistics.</param>
public sealed record BenchmarkSummary(string Strategy, IReadOnlyDictionary<string, string> Parameters, PerformanceMetrics Metrics, TradingStatistics Trading);

/// <summary>The final model.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Architecture">MLP or Transformer.</param>
/// <param name="Features">Its inputs, in order.</param>
/// <param name="Assets">Its outputs (tilts), in order.</param>
/// <param name="Lookback">Decision dates per input.</param>
/// <param name="Horizon">The label horizon it learned.</param>
/// <param name="TrainingWindow">Its training samples.</param>
/// <param name="ValidationWindow">Its validation samples, or null.</param>
/// <param name="Metrics">Training and validation losses against the trivial model.</param>
/// <param name="WeightsSha256">The SHA-256 of its weights.</param>
/// <param name="OnnxSha256">The SHA-256 of its ONNX file.</param>
public sealed record ModelSummary(
    string Name, string Architecture, IReadOnlyList<string> Features, IReadOnlyList<string> Assets, int Lookback, int Horizon, SampleWindow TrainingWindow,
    SampleWindow? ValidationWindow, TrainingMetrics Metrics, string WeightsSha256, string OnnxSha256);

/// <summary>The registry entry.</summary>
/// <param name="Model">The registered model.</param>
/// <param name="Version">The version.</param>
/// <param name="Location">Where the registry keeps its records.</param>
/// <param name="Alias">The alias the pipeline promotes.</param>
/// <param name="AliasVersion">The version the alias points to after the run, or null.</param>
public sealed record RegistrySummary(string Model, int Version, string Location, string Alias, int? AliasVersion);

/// <summary>A treatment's mean effect on an asset within a regime.</summary>
/// <param name="Treatment">The treatment (signal set).</param>
/// <param name="Asset">The asset.</param>
/// <param name="Regime">e.g. <c>growth+ inflation-</c>.</param>
/// <param name="MeanCate">The mean CATE over the regime's months.</param>
/// <param name="Months">The months with a signal in the regime.</param>
public sealed record RegimeEffect(string Treatment, string Asset, string Regime, double MeanCate, int Months)
{
    /// <summary>The mean lower end of the signals' bootstrap intervals over the same months; null when the signals carry none.</summary>
    public double? MeanLower { get; init; }

    /// <summary>The mean upper end; null when the signals carry no intervals.</summary>
    public double? MeanUpper { get; init; }

    /// <summary>The share of those months whose interval excluded zero; null when the signals carry no intervals.</summary>
    public double? SignificantShare { get; init; }
}

/// <summary>An input's importance to the final model.</summary>
/// <param name="Feature">The input.</param>
/// <param name="Score">The mean absolute change of the tilts (summed over assets) when it is set to its mean.</param>
public sealed record FeatureImportance(string Feature, double Score);

/// <summary>An asset's contribution to the return over equal weight.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="MeanActiveWeight">The mean held weight minus the equal-weight benchmark's.</param>
/// <param name="AnnualContribution">The active weight times the asset's return, summed and annualised (arithmetic).</param>
public sealed record TiltAttribution(string Asset, double MeanActiveWeight, double AnnualContribution);
