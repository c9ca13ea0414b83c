using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace MacroLab.Telemetry.Tests;

public sealed class EmbeddedMetricsTests
{
    /// <summary>The directives of one EMF line, checked against the specification's rules.</summary>
    private static (JsonElement Root, JsonElement Directive) Parse(string line)
    {
        JsonElement root = JsonDocument.Parse(line).RootElement;
        JsonElement aws = root.GetProperty("_aws");
        Assert.Equal(JsonValueKind.Number, aws.GetProperty("Timestamp").ValueKind);
        JsonElement directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        foreach (JsonElement set in directive.GetProperty("Dimensions").EnumerateArray())
        {
            Assert.True(set.GetArrayLength() <= 30);
            Assert.All(set.EnumerateArray(), d => Assert.Equal(JsonValueKind.String, root.GetProperty(d.GetString()!).ValueKind));
        }

        foreach (JsonElement metric in directive.GetProperty("Metrics").EnumerateArray())
        {
            JsonElement value = root.GetProperty(metric.GetProperty("Name").GetString()!);
            Assert.True(value.ValueKind == JsonValueKind.Number || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and <= 100));
        }

        return (root, directive);
    }

    [Fact]
    public void A_document_is_one_line_of_the_format_with_its_dimensions_and_a_rollup()
    {
        string line = new EmbeddedMetricsDocument("MacroLab/Pipeline", new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero))
            .Dimension("Stage", "backtest").Dimension("Pipeline", "macro_tilt")
            .Metric("StageDuration", "Seconds", 114.8)
            .Metric("Latency", "Seconds", 0.1, 0.2, 0.3)
            .ToJson();

        Assert.DoesNotContain('\n', line);
        (JsonElement root, JsonElement directive) = Parse(line);
        Assert.Equal(1_796_659_200_000, root.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
        Assert.Equal("MacroLab/Pipeline", directive.GetProperty("Namespace").GetString());
        Assert.Equal("[[\"Pipeline\",\"Stage\"],[]]", directive.GetProperty("Dimensions").GetRawText());
        Assert.Equal(114.8, root.GetProperty("StageDuration").GetDouble());
        Assert.Equal(3, root.GetProperty("Latency").GetArrayLength());
        Assert.Equal("backtest", root.GetProperty("Stage").GetString());
    }

    [Fact]
    public void Invalid_documents_are_refused()
    {
        var document = new EmbeddedMetricsDocument("MacroLab", DateTimeOffset.UnixEpoch);
        Assert.Throws<InvalidOperationException>(document.ToJson);
        Assert.Throws<ArgumentException>(() => document.Metric("x", "Count", double.NaN));
        Assert.Throws<ArgumentException>(() => document.Metric("x", "Count", [.. Enumerable.Repeat(1.0, 101)]));
        document.Metric("x", "Count", 1);
        Assert.Throws<ArgumentException>(() => document.Metric("x", "Count", 2));
        Assert.Throws<ArgumentException>(() => document.Dimension("x", "clash"));
    }

    [Fact]
    public void The_exporter_writes_counter_sums_gauges_and_whole_distributions_per_tag_set()
    {
        using var meter = new Meter("test.meter");
        Counter<long> requests = meter.CreateCounter<long>("requests", "{request}");
        Histogram<double> latency = meter.CreateHistogram<double>("latency", "s");
        meter.CreateObservableGauge("version", () => 7);
        using var other = new Meter("other.meter");
        Counter<long> ignored = other.CreateCounter<long>("ignored");
        var output = new StringWriter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
        var options = new EmbeddedMetricsOptions { Namespace = "MacroLab/Api" };
        options.Meters.Add("test.meter");

        using (var exporter = new EmbeddedMetricsExporter(options, output, time))
        {
            for (int i = 0; i < 250; i++)
            {
                requests.Add(1, new KeyValuePair<string, object?>("status_code", 200));
                latency.Record(i / 1000.0, new KeyValuePair<string, object?>("status_code", 200));
            }

            requests.Add(3, new KeyValuePair<string, object?>("status_code", 500));
            ignored.Add(5);
            time.Advance(TimeSpan.FromSeconds(60));

            // The timer flushed once; nothing new means nothing more is written.
            string[] first = Lines(output);
            Assert.NotEmpty(first);
            time.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(first.Length + 1, Lines(output).Length); // only the gauge again
        }

        List<(JsonElement Root, JsonElement Directive)> documents = [.. Lines(output).Select(Parse)];
        Assert.DoesNotContain(documents, d => d.Root.TryGetProperty("ignored", out _));
        List<(JsonElement Root, JsonElement Directive)> ok = [.. documents.Where(d => d.Root.TryGetProperty("status_code", out JsonElement s) && s.GetString() == "200")];
        Assert.Equal(3, ok.Count); // 250 latencies in documents of 100, 100 and 50
        Assert.Equal(250, ok.Sum(d => d.Root.GetProperty("latency").GetArrayLength()));
        Assert.Equal(250, ok.Single(d => d.Root.TryGetProperty("requests", out _)).Root.GetProperty("requests").GetInt64());
        Assert.Equal(3, documents.Single(d => d.Root.TryGetProperty("status_code", out JsonElement s) && s.GetString() == "500").Root.GetProperty("requests").GetInt64());
        Assert.Contains(documents, d => d.Root.TryGetProperty("version", out JsonElement v) && v.GetInt32() == 7);
        Assert.All(documents, d => Assert.Equal("MacroLab/Api", d.Directive.GetProperty("Namespace").GetString()));
        string units = string.Join(",", documents.SelectMany(d => d.Directive.GetProperty("Metrics").EnumerateArray()).Select(m => $"{m.GetProperty("Name").GetString()}:{m.GetProperty("Unit").GetString()}").Distinct().Order());
        Assert.Equal("latency:Seconds,requests:Count,version:None", units);
    }

    [Fact]
    public void Options_name_their_invalid_field()
    {
        Assert.Contains("Meters", Assert.Throws<ArgumentException>(() => new EmbeddedMetricsExporter(new EmbeddedMetricsOptions(), TextWriter.Null)).Message, StringComparison.Ordinal);
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
