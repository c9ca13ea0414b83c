using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MacroLab.Hosting.Configuration;

/// <summary>Reads a typed JSON configuration file, turning every failure into an error that names the file and the JSON path.</summary>
internal static class ConfigJson
{
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field, or is null; the message starts with <paramref name="source"/>.</exception>
    public static T Read<T>(Stream json, JsonTypeInfo<T> type, string source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new ArgumentException($"{source}: the configuration is empty (null).");
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"{source}: {error.Path ?? "$"}: {error.Message}", error);
        }
    }
}
