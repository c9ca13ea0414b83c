using System.Buffers;
using System.Text.Json;
using MacroLab.Api.Serving;

namespace MacroLab.Api.Inference;

/// <summary>
/// Writes the two response bodies with <see cref="Utf8JsonWriter"/>. A body is composed in full in a buffer before its
/// first byte is sent, so a failure while composing it can still become a problem response: a client never receives half
/// a body.
/// </summary>
internal static class ResponseWriter
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    /// <summary>Sends <paramref name="body"/>, complete, as the JSON response with its length.</summary>
    public static async Task SendAsync(HttpResponse response, ArrayBufferWriter<byte> body, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount;
        await response.Body.WriteAsync(body.WrittenMemory, cancellationToken);
    }

    /// <summary>The Open Inference Protocol reply: <c>{"model_name", "model_version", "id", "parameters": {"alias", "sha256"}, "outputs": [{"name": "tilts", "shape", "datatype": "FP32", "data"}]}</c>.</summary>
    public static void WriteInfer(IBufferWriter<byte> output, ServedModel model, string id, int rows, float[] tilts)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("model_name"u8, model.Name);
            json.WriteString("model_version"u8, model.VersionText);
            json.WriteString("id"u8, id);
            json.WriteStartObject("parameters"u8);
            json.WriteString("alias"u8, model.Alias);
            json.WriteString("sha256"u8, model.Sha256);
            json.WriteEndObject();
            json.WriteStartArray("outputs"u8);
            json.WriteStartObject();
            json.WriteString("name"u8, RequestParser.OutputName);
            json.WriteStartArray("shape"u8);
            json.WriteNumberValue(rows);
            json.WriteNumberValue(model.Scorer.Assets.Count);
            json.WriteEndArray();
            json.WriteString("datatype"u8, "FP32"u8);
            json.WriteStartArray("data"u8);
            foreach (float tilt in tilts)
            {
                json.WriteNumberValue(tilt);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    /// <summary>
    /// The simple reply: <c>{"model", "version", "alias", "id", "tilts": [{"&lt;asset&gt;": tilt, ...}, ...], "imputed": [["&lt;feature&gt;", ...], ...]}</c>,
    /// <c>imputed</c> naming, per row, the features the model's policy imputed.
    /// </summary>
    public static void WritePredict(IBufferWriter<byte> output, ServedModel model, string id, int rows, float[] tilts, IReadOnlyList<IReadOnlyList<string>>? imputed = null)
    {
        IReadOnlyList<string> assets = model.Scorer.Assets;
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("model"u8, model.Name);
            json.WriteNumber("version"u8, model.Version);
            json.WriteString("alias"u8, model.Alias);
            json.WriteString("id"u8, id);
            json.WriteStartArray("tilts"u8);
            for (int r = 0; r < rows; r++)
            {
                json.WriteStartObject();
                for (int a = 0; a < assets.Count; a++)
                {
                    json.WriteNumber(assets[a], tilts[(r * assets.Count) + a]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("imputed"u8);
            for (int r = 0; r < rows; r++)
            {
                json.WriteStartArray();
                foreach (string feature in imputed is not null && r < imputed.Count ? imputed[r] : [])
                {
                    json.WriteStringValue(feature);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
