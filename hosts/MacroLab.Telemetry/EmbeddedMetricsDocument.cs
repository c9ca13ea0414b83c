using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MacroLab.Telemetry;

/// <summary>
/// One CloudWatch Embedded Metric Format document: a JSON log line that CloudWatch Logs turns into metrics without a
/// collector or an API call (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
/// The dimensions are one dimension set, plus with <see cref="Rollup"/> the empty set, which gives each metric an aggregate
/// over every dimension value (what an alarm watches: model versions come and go). A metric's value is a number or up to
/// 100 numbers (a distribution, from which CloudWatch computes percentiles).
/// </summary>
public sealed class EmbeddedMetricsDocument
{
    /// <summary>The most values one metric may carry in one document (the format's limit).</summary>
    public const int MaxValuesPerMetric = 100;

    /// <summary>The most dimensions in a dimension set (the format's limit).</summary>
    public const int MaxDimensions = 30;

    private readonly List<(string Name, string Unit, IReadOnlyList<double> Values)> _metrics = [];
    private readonly SortedDictionary<string, string> _dimensions = new(StringComparer.Ordinal);

    /// <summary>A document in <paramref name="metricNamespace"/> (e.g. <c>MacroLab/Api</c>), stamped <paramref name="timestamp"/>.</summary>
    public EmbeddedMetricsDocument(string metricNamespace, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metricNamespace);
        Namespace = metricNamespace;
        Timestamp = timestamp;
    }

    /// <summary>The CloudWatch namespace.</summary>
    public string Namespace { get; }

    /// <summary>Also publish every metric without dimensions (the empty dimension set); true by default.</summary>
    public bool Rollup { get; init; } = true;

    /// <summary>When the values were measured.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Adds a dimension (a name CloudWatch keys the metric by, e.g. <c>ModelVersion</c>).</summary>
    /// <exception cref="ArgumentException">The name is empty or taken, or the set would exceed <see cref="MaxDimensions"/>.</exception>
    public EmbeddedMetricsDocument Dimension(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_dimensions.Count == MaxDimensions || !_dimensions.TryAdd(name, value) || _metrics.Exists(m => m.Name == name))
        {
            throw new ArgumentException($"Dimension '{name}' is repeated, clashes with a metric, or exceeds the {MaxDimensions} a dimension set allows.", nameof(name));
        }

        return this;
    }

    /// <summary>Adds a metric with one value or a distribution of at most <see cref="MaxValuesPerMetric"/> values.</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="unit">A CloudWatch unit: <c>Seconds</c>, <c>Milliseconds</c>, <c>Count</c>, <c>Bytes</c>, <c>Percent</c>, <c>None</c>, ...</param>
    /// <param name="values">One or more finite values.</param>
    /// <exception cref="ArgumentException">The name is taken, there is no value or too many, or a value is not finite.</exception>
    public EmbeddedMetricsDocument Metric(string name, string unit, params IReadOnlyList<double> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count is 0 or > MaxValuesPerMetric || values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"Metric '{name}' needs 1 to {MaxValuesPerMetric} finite values, not {values.Count}.", nameof(values));
        }

        if (_metrics.Exists(m => m.Name == name) || _dimensions.ContainsKey(name))
        {
            throw new ArgumentException($"Metric '{name}' is repeated or clashes with a dimension.", nameof(name));
        }

        _metrics.Add((name, unit, [.. values]));
        return this;
    }

    /// <summary>The number of metrics.</summary>
    public int MetricCount => _metrics.Count;

    /// <summary>The document as one line of JSON.</summary>
    /// <exception cref="InvalidOperationException">The document has no metric.</exception>
    public string ToJson()
    {
        if (_metrics.Count == 0)
        {
            throw new InvalidOperationException("An Embedded Metric Format document needs at least one metric.");
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber(nameof(Timestamp), Timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString(nameof(Namespace), Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (string dimension in _dimensions.Keys)
            {
                json.WriteStringValue(dimension);
            }

            json.WriteEndArray();
            if (Rollup && _dimensions.Count > 0)
            {
                json.WriteStartArray();
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach ((string name, string unit, _) in _metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach ((string name, string value) in _dimensions)
            {
                json.WriteString(name, value);
            }

            foreach ((string name, _, IReadOnlyList<double> values) in _metrics)
            {
                if (values.Count == 1)
                {
                    json.WriteNumber(name, values[0]);
                }
                else
                {
                    json.WriteStartArray(name);
                    foreach (double value in values)
                    {
                        json.WriteNumberValue(value);
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The CloudWatch unit of an OpenTelemetry / UCUM unit (<c>s</c>, <c>ms</c>, <c>By</c>, <c>{request}</c>, <c>1</c>).</summary>
    public static string UnitOf(string? unit) => unit switch
    {
        "s" => "Seconds",
        "ms" => "Milliseconds",
        "us" => "Microseconds",
        "By" => "Bytes",
        "%" => "Percent",
        null or "" or "1" => "None",
        _ when unit.StartsWith('{') => "Count",
        _ => "None",
    };

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Namespace}: {_metrics.Count} metrics, {_dimensions.Count} dimensions");
}
