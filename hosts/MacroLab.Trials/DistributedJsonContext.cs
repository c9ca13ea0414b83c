using System.Text.Json.Serialization;

namespace MacroLab.Trials;

/// <summary>Source-generated JSON of trial messages and failure records (camelCase, compact).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(TrialMessage))]
[JsonSerializable(typeof(TrialFailure))]
internal sealed partial class DistributedJsonContext : JsonSerializerContext;
