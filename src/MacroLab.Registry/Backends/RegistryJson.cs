using System.Text.Json;
using System.Text.Json.Serialization;

namespace MacroLab.Registry.Backends;

/// <summary>How both backends store a version and a model's tags: the same JSON document, so records read the same everywhere.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(ModelVersion))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(LedgerEntry))]
internal sealed partial class RegistryJson : JsonSerializerContext
{
    public static string Serialize(ModelVersion version) => JsonSerializer.Serialize(version, Default.ModelVersion);

    public static ModelVersion DeserializeVersion(string json, string source) =>
        JsonSerializer.Deserialize(json, Default.ModelVersion) ?? throw new InvalidDataException($"{source}: the version record is empty.");

    public static string Serialize(IReadOnlyDictionary<string, string> tags) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(tags, StringComparer.Ordinal), Default.DictionaryStringString);

    public static string Serialize(LedgerEntry entry) => JsonSerializer.Serialize(entry, Default.LedgerEntry);

    public static LedgerEntry DeserializeLedgerEntry(string json, string source) =>
        JsonSerializer.Deserialize(json, Default.LedgerEntry) ?? throw new InvalidDataException($"{source}: the ledger entry is empty.");

    public static Dictionary<string, string> DeserializeTags(string json) =>
        JsonSerializer.Deserialize(json, Default.DictionaryStringString) ?? [];
}
