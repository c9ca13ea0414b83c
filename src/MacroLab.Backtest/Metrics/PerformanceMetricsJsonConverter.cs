using System.Text.Json;
using System.Text.Json.Serialization;
using MacroLab.Backtest.Reporting;

namespace MacroLab.Backtest.Metrics;

/// <summary>
/// The JSON form of <see cref="PerformanceMetrics"/>, whichever serializer writes it: a flat camelCase object
/// (<c>maxDrawdown</c> with <c>maxDrawdownPeak</c>, <c>maxDrawdownTrough</c> and <c>maxDrawdownRecovery</c> beside it;
/// undefined statistics null) that ends with the conventions in words. <see cref="PerformanceMetrics"/> names it in its
/// <see cref="JsonConverterAttribute"/>, so documents that hold metrics need no set-up.
/// </summary>
public sealed class PerformanceMetricsJsonConverter : JsonConverter<PerformanceMetrics>
{
    /// <inheritdoc />
    public override PerformanceMetrics? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"performance metrics are a JSON object, not {reader.TokenType}.");
        }

        try
        {
            return JsonSerializer.Deserialize(ref reader, BacktestJsonContext.Default.MetricsDocument)?.ToMetrics();
        }
        catch (JsonException error)
        {
            // Thrown without a path, so that the serializer reading the enclosing document sets it to where the metrics are.
            throw new JsonException($"in the performance metrics at {error.Path}: {error.Message}", error);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PerformanceMetrics value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, MetricsDocument.From(value), BacktestJsonContext.Default.MetricsDocument);
    }
}
