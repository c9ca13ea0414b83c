using System.Text.Json;
using System.Text.Json.Serialization;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Models.Architecture;
using MacroLab.Models.Jobs;
using MacroLab.Models.Training;

namespace MacroLab.Hosting.Configuration;

/// <summary>
/// Reads <see cref="TiltTrainingJobOptions"/> from JSON (camelCase, enums by name; absent fields keep their defaults):
/// <code>
/// {
///   "name": "macro_transformer",
///   "featureSet": "macro_monthly", "signals": ["cpi_surprise"], "universe": "us_macro5", "riskFreeAsset": "CASH",
///   "start": "1962-01-31", "minCoverage": 0.9, "horizon": 1,
///   "model": { "architecture": "Transformer", "transformer": { "lookback": 12, "modelWidth": 32, "heads": 4 }, "head": { "grossLimit": 1 } },
///   "training": { "seed": 42, "epochs": 200, "loss": "NegativeSharpe", "turnoverPenalty": 0.01 }
/// }
/// </code>
/// Unknown fields are errors; every error names the file and the JSON path. The file format belongs to the hosts
/// (<c>macrolab train --config</c>); the Models package takes the options object and checks it
/// (<see cref="TiltTrainingJobOptions.Validate"/>).
/// </summary>
public static class TrainingConfigReader
{
    /// <summary>Reads and validates a configuration.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field, or a value is invalid; the message names the source and field.</exception>
    public static TiltTrainingJobOptions Read(Stream json, string source)
    {
        TrainingConfigDocument document = ConfigJson.Read(json, TrainingConfigJsonContext.Default.TrainingConfigDocument, source);

        var defaults = new TiltTrainingJobOptions();
        var data = new GoldDatasetRequest();
        var options = new TiltTrainingJobOptions
        {
            Name = document.Name ?? defaults.Name,
            Data = new GoldDatasetRequest
            {
                FeatureSet = document.FeatureSet ?? data.FeatureSet,
                Signals = document.Signals ?? data.Signals,
                Universe = document.Universe ?? data.Universe,
                Assets = document.Assets,
                RiskFreeAsset = document.RiskFreeAsset ?? data.RiskFreeAsset,
                Start = document.Start,
                End = document.End,
            },
            Features = document.Features,
            MinCoverage = document.MinCoverage ?? defaults.MinCoverage,
            Horizon = document.Horizon ?? defaults.Horizon,
            Model = document.Model ?? defaults.Model,
            Training = document.Training ?? defaults.Training,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"{source}: {error.Message}", error);
        }

        return options;
    }

    /// <summary>The default configuration as indented JSON, for <c>macrolab train --print-config</c>-style scaffolding.</summary>
    public static string DefaultJson() =>
        JsonSerializer.Serialize(new TrainingConfigDocument
        {
            Name = "macro_mlp",
            FeatureSet = MacroFeatureSet.DefaultName,
            Signals = [],
            Universe = AssetUniverse.DefaultName,
            RiskFreeAsset = AssetUniverse.DefaultRiskFreeAsset,
            MinCoverage = 0.9,
            Horizon = 1,
            Model = new TiltModelOptions(),
            Training = new TrainingOptions(),
        }, TrainingConfigJsonContext.Default.TrainingConfigDocument);
}

/// <summary>The JSON shape of a training configuration.</summary>
internal sealed class TrainingConfigDocument
{
    public string? Name { get; set; }

    public string? FeatureSet { get; set; }

    public List<string>? Signals { get; set; }

    public string? Universe { get; set; }

    public List<string>? Assets { get; set; }

    public string? RiskFreeAsset { get; set; }

    public DateOnly? Start { get; set; }

    public DateOnly? End { get; set; }

    public List<string>? Features { get; set; }

    public double? MinCoverage { get; set; }

    public int? Horizon { get; set; }

    public TiltModelOptions? Model { get; set; }

    public TrainingOptions? Training { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(TrainingConfigDocument))]
internal sealed partial class TrainingConfigJsonContext : JsonSerializerContext;
