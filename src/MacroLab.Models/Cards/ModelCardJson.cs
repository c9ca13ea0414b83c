using System.Text.Json;
using System.Text.Json.Serialization;
using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Models.Cards;

/// <summary>Reads and writes <see cref="ModelCard"/> JSON (camelCase, enums as names, indented, deterministic bytes).</summary>
public static class ModelCardJson
{
    /// <summary>The card as UTF-8 JSON.</summary>
    public static byte[] Serialize(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToUtf8Bytes(card, ModelCardJsonContext.Default.ModelCard);
    }

    /// <summary>A card from UTF-8 JSON.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="source">The file or object name, for error messages.</param>
    /// <exception cref="InvalidDataException">The JSON is malformed, misses a required field, or has another format; the message names <paramref name="source"/> and the JSON path.</exception>
    public static ModelCard Deserialize(ReadOnlySpan<byte> json, string source)
    {
        ModelCard card;
        try
        {
            card = JsonSerializer.Deserialize(json, ModelCardJsonContext.Default.ModelCard)
                ?? throw new InvalidDataException($"{source}: the model card is empty (null).");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: {error.Path ?? "$"}: {error.Message}", error);
        }

        if (!string.Equals(card.Format, ModelCard.CurrentFormat, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: format is '{card.Format}'; this version reads '{ModelCard.CurrentFormat}'.");
        }

        return card;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(TiltModelOptions))]
[JsonSerializable(typeof(TrainingOptions))]
internal sealed partial class ModelCardJsonContext : JsonSerializerContext;
