using System.Text.Json;
using System.Text.Json.Serialization;

namespace MacroLab.Data.Storage;

/// <summary>Source-generated JSON for manifests: camelCase, indented, no reflection (trimming and AOT safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DatasetManifest))]
internal sealed partial class ManifestJson : JsonSerializerContext
{
    public static byte[] Serialize(DatasetManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Default.DatasetManifest);

    public static DatasetManifest Deserialize(ReadOnlySpan<byte> json, string key)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Default.DatasetManifest)
                ?? throw new InvalidDataException($"The manifest '{key}' is empty.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The manifest '{key}' is not valid: {error.Message}", error);
        }
    }
}
