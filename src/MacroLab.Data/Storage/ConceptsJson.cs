using System.Text.Json;
using System.Text.Json.Serialization;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Storage;

/// <summary>The Silver form of concept declarations: JSON, camelCase, splice rules by name.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<SeriesConcept>))]
internal sealed partial class ConceptsJson : JsonSerializerContext
{
    public static EncodedDataset Encode(SeriesConcepts concepts) =>
        new(JsonSerializer.SerializeToUtf8Bytes(concepts.Concepts, Default.IReadOnlyListSeriesConcept), "json", concepts.Concepts.Sum(c => c.Members.Count), []);

    public static SeriesConcepts Decode(byte[] json, string source)
    {
        try
        {
            IReadOnlyList<SeriesConcept> concepts = JsonSerializer.Deserialize(json, Default.IReadOnlyListSeriesConcept)
                ?? throw new InvalidDataException($"{source}: the concept declarations are empty.");
            return SeriesConcepts.Create(concepts, source);
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{source}: the concept declarations cannot be read: {error.Message}", error);
        }
    }
}
