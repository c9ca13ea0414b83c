using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;

namespace MacroLab.Backtest.Reporting;

/// <summary>The JSON document of a backtest run (<c>results.json</c>).</summary>
internal sealed record BacktestDocument
{
    public int FormatVersion { get; init; } = 1;
    public required string Name { get; init; }
    public required string CodeVersion { get; init; }
    public required string Strategy { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required DatasetDocument Dataset { get; init; }
    public required BacktestOptions Options { get; init; }
    public required MetricsDocument Metrics { get; init; }
    public required TradingStatistics Trading { get; init; }
    public required IReadOnlyList<FoldDocument> Folds { get; init; }
    public IReadOnlyList<MetricsDocument>? Paths { get; init; }
    public GateDocument? Gates { get; init; }
    public GridDocument? Grid { get; init; }
    public required IReadOnlyList<ReturnRow> Returns { get; init; }
}

internal sealed record DatasetDocument(string Fingerprint, DateOnly FirstDecision, DateOnly LastDecision, IReadOnlyList<string> Assets, string? RiskFreeAsset, int Features);

internal sealed record FoldDocument(
    int Index, DateOnly? TrainStart, DateOnly? TrainEnd, int TrainSamples, DateOnly TestStart, DateOnly TestEnd, int TestPeriods,
    double? Sharpe, double? AnnualReturn, double? MaxDrawdown);

internal sealed record GateDocument(bool Passed, string Summary, IReadOnlyList<GateResult> Gates);

internal sealed record GridDocument(string Experiment, int TrialCount, int Reused, string? Selected, string Reason, IReadOnlyList<TrialOutcome> Trials);

internal sealed record ReturnRow(DateOnly Date, double Net, double Gross, double Cost, double Turnover, double GrossLeverage, double? RiskFree, IReadOnlyList<double> Weights);
