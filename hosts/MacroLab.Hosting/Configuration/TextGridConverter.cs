using System.Text.Json;
using System.Text.Json.Serialization;

namespace MacroLab.Hosting.Configuration;

/// <summary>A grid: parameter names, in declaration order, each with a list of text values (strings, numbers or booleans).</summary>
internal sealed class TextGridConverter : JsonConverter<IReadOnlyDictionary<string, IReadOnlyList<string>>>
{
    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object of name: [values] pairs.");
        }

        var grid = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            var values = new List<string>();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    values.Add(TextMapConverter.Scalar(ref reader));
                }
            }
            else
            {
                values.Add(TextMapConverter.Scalar(ref reader)); // a single value fixes the parameter
            }

            if (!grid.TryAdd(name, values))
            {
                throw new JsonException($"'{name}' appears twice.");
            }
        }

        return grid;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, IReadOnlyList<string>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach ((string name, IReadOnlyList<string> values) in value)
        {
            writer.WriteStartArray(name);
            foreach (string text in values)
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
