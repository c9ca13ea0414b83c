using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MacroLab.Backtest;
using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.Stages;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Hosting.Configuration;

/// <summary>
/// Reads <see cref="BacktestStageOptions"/> from a JSON file (camelCase names, as in the options classes):
/// <code>
/// {
///   "name": "macro_ridge", "strategy": "ridge",
///   "parameters": { "minCoverage": 0.9 },
///   "grid": { "lambda": [0.1, 1, 10, 100, 1000], "horizon": [1, 3], "tiltScale": [0.5, 1] },
///   (or, to search several strategies together: "candidates": [ { "strategy": "tilt-mlp", "parameters": { "epochs": 100 }, "grid": { "hidden": ["32", "64-64"] } }, ... ])
///   "periodsPerYear": 12,
///   "walkForward": { "window": "expanding", "trainPeriods": 120, "testPeriods": 12, "alignToMonth": 1, "embargo": 0 },
///   "simulation": { "defaultCostBps": 5, "maxGrossLeverage": 2 },
///   "gates": { "minSharpe": 0.3, "maxDrawdown": 0.3, "maxAnnualTurnover": 4, "minDeflatedSharpe": 0.95, "minPeriods": 60 },
///   "selection": { "maxDrawdown": 0.5, "maxAnnualTurnover": 12 },
///   "riskFreeAsset": "CASH", "start": "1962-01-31"
/// }
/// </code>
/// Unknown fields are errors (a typo is not silently ignored); every error names the file and the JSON path. The file format
/// belongs to the hosts (<c>macrolab backtest --config</c>); the Backtest package takes the options object and checks it
/// (<see cref="BacktestStageOptions.Validate"/>).
/// </summary>
public static class BacktestConfigReader
{
    /// <summary>Reads and validates a configuration.</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="catalog">Where the strategy is found; <see cref="StrategyCatalog.BuiltIn"/> when null.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field, or a value is invalid; the message names the file and field.</exception>
    public static BacktestStageOptions Read(Stream json, string source, StrategyCatalog? catalog = null)
    {
        BacktestConfigFile document = ConfigJson.Read(json, BacktestConfigJsonContext.Default.BacktestConfigFile, source);

        var defaults = new BacktestStageOptions();
        var options = new BacktestStageOptions
        {
            Name = document.Name ?? defaults.Name,
            FeatureSet = document.FeatureSet ?? defaults.FeatureSet,
            Signals = document.Signals ?? defaults.Signals,
            SignalIntervals = document.SignalIntervals ?? defaults.SignalIntervals,
            Universe = document.Universe ?? defaults.Universe,
            Assets = document.Assets,
            RiskFreeAsset = document.RiskFreeAsset ?? defaults.RiskFreeAsset,
            Start = document.Start,
            End = document.End,
            Strategy = document.Strategy ?? defaults.Strategy,
            Parameters = document.Parameters?.ToDictionary(p => p.Key, p => Text(p.Value, $"parameters.{p.Key}", source), StringComparer.Ordinal) ?? defaults.Parameters,
            Grid = document.Grid is { } grid ? GridOf(grid, null, string.Empty, source) : null,
            Candidates = document.Candidates?.Select((c, i) => new StrategyGrid(
                c.Strategy ?? throw new ArgumentException($"{source}: candidates[{i}].strategy is missing."),
                GridOf(c.Grid ?? [], c.Parameters, $"candidates[{i}].", source))).ToList(),
            Backtest = new BacktestOptions
            {
                PeriodsPerYear = document.PeriodsPerYear ?? defaults.Backtest.PeriodsPerYear,
                WalkForward = document.WalkForward ?? defaults.Backtest.WalkForward,
                Simulation = document.Simulation ?? defaults.Backtest.Simulation,
            },
            Gates = document.Gates ?? defaults.Gates,
            GridSearch = document.Selection ?? defaults.GridSearch,
            MaxParallelism = document.MaxParallelism,
        };
        Validate(options, source, catalog);
        return options;
    }

    /// <summary>Checks options built elsewhere (e.g. from command-line flags), naming <paramref name="source"/> in the message.</summary>
    /// <exception cref="ArgumentException">Something is invalid; the message starts with <paramref name="source"/>.</exception>
    public static void Validate(BacktestStageOptions options, string source, StrategyCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Wrap(source, () =>
        {
            options.Validate(catalog);
            return true;
        });
    }

    /// <summary>A grid from JSON values, with fixed parameters as one-value entries first.</summary>
    private static ParameterGrid GridOf(Dictionary<string, JsonElement[]?> grid, Dictionary<string, JsonElement>? fixedParameters, string path, string source) =>
        Wrap(source, () => new ParameterGrid(
        [
            .. (fixedParameters ?? []).Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, [Text(p.Value, $"{path}parameters.{p.Key}", source)])),
            .. grid.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, [.. (p.Value ?? []).Select((v, i) => Text(v, $"{path}grid.{p.Key}[{i}]", source))])),
        ]));

    private static T Wrap<T>(string source, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException error) when (!error.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{source}: {error.Message}", error);
        }
    }

    private static string Text(JsonElement value, string path, string source) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ArgumentException($"{source}: {path} must be a number or a string, not {value.ValueKind.ToString().ToLowerInvariant()}."),
    };

    internal sealed record BacktestConfigFile
    {
        public string? Name { get; init; }
        public string? FeatureSet { get; init; }
        public IReadOnlyList<string>? Signals { get; init; }
        public bool? SignalIntervals { get; init; }
        public string? Universe { get; init; }
        public IReadOnlyList<string>? Assets { get; init; }
        public string? RiskFreeAsset { get; init; }
        public DateOnly? Start { get; init; }
        public DateOnly? End { get; init; }
        public string? Strategy { get; init; }
        public Dictionary<string, JsonElement>? Parameters { get; init; }
        public Dictionary<string, JsonElement[]?>? Grid { get; init; }
        public IReadOnlyList<BacktestCandidateFile>? Candidates { get; init; }
        public int? PeriodsPerYear { get; init; }
        public WalkForwardOptions? WalkForward { get; init; }
        public SimulationOptions? Simulation { get; init; }
        public GateOptions? Gates { get; init; }
        public GridSearchOptions? Selection { get; init; }
        public int? MaxParallelism { get; init; }
    }

    internal sealed record BacktestCandidateFile
    {
        public string? Strategy { get; init; }
        public Dictionary<string, JsonElement>? Parameters { get; init; }
        public Dictionary<string, JsonElement[]?>? Grid { get; init; }
    }
}

/// <summary>Source-generated JSON for backtest configuration files: camelCase, enums as text, unknown members rejected.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(BacktestConfigReader.BacktestConfigFile))]
internal sealed partial class BacktestConfigJsonContext : JsonSerializerContext;
