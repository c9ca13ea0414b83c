using System.Text.Json;
using System.Text.Json.Serialization;
using MacroLab.Models.Architecture;
using MacroLab.Models.Training;

namespace MacroLab.Scoring;

/// <summary>Reads and writes <see cref="ModelCard"/> JSON (camelCase, enums as names, indented, deterministic bytes).</summary>
public static class ModelCardJson
{
    /// <summary>The card as UTF-8 JSON.</summary>
    public static byte[] Serialize(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToUtf8Bytes(card, ModelCardJsonContext.Default.ModelCard);
    }

    /// <summary>
    /// The SHA-256 (lower-case hex) of the card's JSON without <see cref="ModelCard.OnnxSha256"/>: what an exported ONNX
    /// file's metadata records (<see cref="OnnxMetadata.ModelCardSha256"/>).
    /// </summary>
    public static string CoreSha256(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Serialize(card with { OnnxSha256 = null })));
    }

    /// <summary>
    /// Checks that <paramref name="onnx"/> is the ONNX file exported with <paramref name="card"/>: its SHA-256 is the one the
    /// card records (so not a single bit changed), and its metadata names this card's digest (so it is this model's).
    /// </summary>
    /// <param name="card">The model card.</param>
    /// <param name="onnx">The ONNX file's bytes.</param>
    /// <param name="recordedCardSha256">The card digest the ONNX metadata records (<see cref="Scoring.OnnxTiltScorer.ModelCardSha256"/>).</param>
    /// <param name="source">The ONNX file's name, for messages.</param>
    /// <exception cref="InvalidDataException">The card records no ONNX digest, or a digest does not match; the message says which.</exception>
    public static void VerifyOnnx(ModelCard card, ReadOnlySpan<byte> onnx, string recordedCardSha256, string source)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.OnnxSha256 is not { } expected)
        {
            throw new InvalidDataException($"{source}: the model card records no ONNX SHA-256 (it predates the export), so the file cannot be checked.");
        }

        string actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx));
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: SHA-256 {actual} does not match the model card's onnxSha256 {expected}; the file was changed or belongs to another model.");
        }

        if (!string.Equals(recordedCardSha256, CoreSha256(card), StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: its metadata names model card {recordedCardSha256}, not this card ({CoreSha256(card)}); the card belongs to another model.");
        }
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
