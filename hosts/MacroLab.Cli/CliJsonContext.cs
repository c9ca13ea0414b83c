using System.Text.Json.Serialization;
using MacroLab.Registry;

namespace MacroLab.Cli;

/// <summary>Source-generated JSON the CLI prints: registry records, camelCase, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ModelVersion))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
