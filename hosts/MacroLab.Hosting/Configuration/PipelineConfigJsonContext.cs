using System.Text.Json.Serialization;

namespace MacroLab.Hosting.Configuration;

/// <summary>Source-generated JSON of the pipeline configuration: camelCase, unknown members rejected, comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(TextMapConverter), typeof(TextGridConverter)])]
[JsonSerializable(typeof(PipelineConfig))]
internal sealed partial class PipelineConfigJsonContext : JsonSerializerContext;
