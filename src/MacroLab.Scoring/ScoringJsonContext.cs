using System.Text.Json.Serialization;

namespace MacroLab.Scoring;

[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ScoringJsonContext : JsonSerializerContext;
