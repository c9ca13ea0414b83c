using System.Text.Json.Serialization;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest.Reporting;

/// <summary>Source-generated JSON (camelCase, enums as text, indented) for results, metrics and trials.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(BacktestRecord))]
[JsonSerializable(typeof(PerformanceMetrics))]
[JsonSerializable(typeof(MetricsDocument))]
[JsonSerializable(typeof(TrialOutcome))]
[JsonSerializable(typeof(BacktestOptions))]
internal sealed partial class BacktestJsonContext : JsonSerializerContext;
