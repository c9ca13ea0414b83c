using MacroLab.Backtest.Grid;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Reporting;

/// <summary>
/// The record of a backtest run, as stored in <c>results.json</c> (<see cref="BacktestDocuments.Result"/>) and read back
/// with <see cref="BacktestDocuments.ReadResult"/>: what later stages (gates, registration, reports) and other tools use
/// without re-running anything.
/// </summary>
public sealed record BacktestDocument
{
    /// <summary>The document layout version.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The run's name.</summary>
    public required string Name { get; init; }

    /// <summary>The MacroLab.Backtest version that ran it.</summary>
    public required string CodeVersion { get; init; }

    /// <summary>The (selected) strategy.</summary>
    public required string Strategy { get; init; }

    /// <summary>Its parameters.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The data it ran on.</summary>
    public required DatasetDocument Dataset { get; init; }

    /// <summary>The backtest options.</summary>
    public required BacktestOptions Options { get; init; }

    /// <summary>The out-of-sample metrics, net of costs.</summary>
    public required MetricsDocument Metrics { get; init; }

    /// <summary>Turnover, costs and leverage.</summary>
    public required TradingStatistics Trading { get; init; }

    /// <summary>Each walk-forward fold.</summary>
    public required IReadOnlyList<FoldDocument> Folds { get; init; }

    /// <summary>The metrics of every combinatorial path, or null for a walk-forward run.</summary>
    public IReadOnlyList<MetricsDocument>? Paths { get; init; }

    /// <summary>The gate verdicts, or null when not evaluated.</summary>
    public GateVerdict? Gates { get; init; }

    /// <summary>The grid, or null for a single run.</summary>
    public GridDocument? Grid { get; init; }

    /// <summary>How the grid selected (nested inside the walk-forward, or global with hindsight) and each refit's choice; null for a single run.</summary>
    public SelectionDocument? Selection { get; init; }

    /// <summary>The lockbox: the final decisions held out of this run (no selection, tuning or gate saw them); null when none are.</summary>
    public HeldOutSpan? HeldOut { get; init; }

    /// <summary>Every out-of-sample period's returns and held weights.</summary>
    public required IReadOnlyList<ReturnRow> Returns { get; init; }
}

/// <summary>The data a backtest ran on.</summary>
/// <param name="Fingerprint">SHA-256 of the dates, names and values.</param>
/// <param name="FirstDecision">The first decision date.</param>
/// <param name="LastDecision">The last decision date.</param>
/// <param name="Assets">The assets, in weight order.</param>
/// <param name="RiskFreeAsset">The risk-free asset, or null.</param>
/// <param name="Features">The number of features.</param>
public sealed record DatasetDocument(string Fingerprint, DateOnly FirstDecision, DateOnly LastDecision, IReadOnlyList<string> Assets, string? RiskFreeAsset, int Features);

/// <summary>One fold of a walk-forward backtest.</summary>
/// <param name="Index">The fold's position, from 0.</param>
/// <param name="TrainStart">The first training sample's date, or null when the strategy does not learn.</param>
/// <param name="TrainEnd">The last training sample's date, or null.</param>
/// <param name="TrainSamples">The number of training samples.</param>
/// <param name="TestStart">The first test decision.</param>
/// <param name="TestEnd">The last test decision.</param>
/// <param name="TestPeriods">The number of test periods.</param>
/// <param name="Sharpe">The fold's annualised Sharpe ratio, or null when undefined.</param>
/// <param name="AnnualReturn">The fold's geometric annual return, or null.</param>
/// <param name="MaxDrawdown">The fold's maximum drawdown, or null.</param>
public sealed record FoldDocument(
    int Index, DateOnly? TrainStart, DateOnly? TrainEnd, int TrainSamples, DateOnly TestStart, DateOnly TestEnd, int TestPeriods,
    double? Sharpe, double? AnnualReturn, double? MaxDrawdown);

/// <summary>
/// A grid search's trials and selection. (How many trials an interrupted run reused is not recorded: the document is the
/// same whether the grid ran at once or resumed.)
/// </summary>
/// <param name="Experiment">The experiment key (data, options, trials and code version).</param>
/// <param name="TrialCount">The number of trials.</param>
/// <param name="Selected">The selected trial's id, or null when none met the constraints.</param>
/// <param name="Reason">Why it was selected.</param>
/// <param name="Trials">Every trial's outcome, in grid order.</param>
public sealed record GridDocument(string Experiment, int TrialCount, string? Selected, string Reason, IReadOnlyList<TrialOutcome> Trials);

/// <summary>A span of final decisions held out of a backtest (the lockbox).</summary>
/// <param name="FirstDecision">The first held-out decision date.</param>
/// <param name="LastDecision">The last.</param>
/// <param name="Periods">How many decisions are held out.</param>
public sealed record HeldOutSpan(DateOnly FirstDecision, DateOnly LastDecision, int Periods);

/// <summary>How a grid's record was selected.</summary>
/// <param name="Mode">Nested (inside the walk-forward) or global (once over the whole record, with hindsight).</param>
/// <param name="Reason">What was selected and why.</param>
/// <param name="Steps">Nested selection: each refit's choice; empty under global selection.</param>
/// <param name="Final">Nested selection: the choice at the end of the data, the model that trades from now on.</param>
public sealed record SelectionDocument(SelectionMode Mode, string Reason, IReadOnlyList<SelectionStep> Steps, SelectionStep? Final);

/// <summary>One out-of-sample period.</summary>
/// <param name="Date">When its returns were realised.</param>
/// <param name="Net">The return net of costs.</param>
/// <param name="Gross">The return before costs.</param>
/// <param name="Cost">The cost charged.</param>
/// <param name="Turnover">The one-way turnover of the rebalance at its start.</param>
/// <param name="GrossLeverage">Sum of absolute held weights.</param>
/// <param name="RiskFree">The risk-free return, or null.</param>
/// <param name="Weights">The weights held over the period, in asset order.</param>
public sealed record ReturnRow(DateOnly Date, double Net, double Gross, double Cost, double Turnover, double GrossLeverage, double? RiskFree, IReadOnlyList<double> Weights);
