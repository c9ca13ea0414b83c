using System.Text.Json;
using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest.Reporting;

/// <summary>
/// The JSON form of backtest records (<c>results.json</c>) and of performance metrics, as written to the lake and by the
/// command line: camelCase, enums as text, indented, the same bytes for the same record.
/// </summary>
public static class BacktestJson
{
    /// <summary><paramref name="record"/> as <c>results.json</c>.</summary>
    public static byte[] Serialize(BacktestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.SerializeToUtf8Bytes(record, BacktestJsonContext.Default.BacktestRecord);
    }

    /// <summary>Reads a <c>results.json</c> written by <see cref="Serialize(BacktestRecord)"/>.</summary>
    /// <param name="json">The document's bytes.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <exception cref="InvalidDataException">The JSON is malformed or not a backtest record (the message names the source and path).</exception>
    public static BacktestRecord Deserialize(ReadOnlySpan<byte> json, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        try
        {
            return JsonSerializer.Deserialize(json, BacktestJsonContext.Default.BacktestRecord)
                ?? throw new InvalidDataException($"{source}: the backtest record is empty (null).");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: {error.Path ?? "$"}: {error.Message}", error);
        }
    }

    /// <summary>
    /// <paramref name="metrics"/> as a flat JSON object: <c>annualReturn, annualVolatility, sharpe, sortino, maxDrawdown,
    /// calmar, skewness, kurtosis, hitRate, psr, dsr</c> and more, with the conventions spelled out in a <c>conventions</c>
    /// field (<see cref="PerformanceMetricsJsonConverter"/>).
    /// </summary>
    public static byte[] Serialize(PerformanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return JsonSerializer.SerializeToUtf8Bytes(metrics, BacktestJsonContext.Default.PerformanceMetrics);
    }
}
