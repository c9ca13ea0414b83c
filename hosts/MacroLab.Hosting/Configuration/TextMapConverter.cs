using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MacroLab.Hosting.Configuration;

/// <summary>A map of text parameters whose JSON values may be strings, numbers or booleans (as YAML writes them); stored sorted by name.</summary>
internal sealed class TextMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object of name: value pairs.");
        }

        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (!map.TryAdd(name, Scalar(ref reader)))
            {
                throw new JsonException($"'{name}' appears twice.");
            }
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach ((string name, string text) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }

    /// <summary>A string, number or boolean as text; numbers in round-trip form.</summary>
    internal static string Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => reader.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"expected a number, a string or true/false, not {reader.TokenType}."),
    };
}
