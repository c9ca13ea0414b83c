using System.Diagnostics;
using System.Diagnostics.Metrics;
using MacroLab.Api.Serving;

namespace MacroLab.Api.Telemetry;

/// <summary>
/// The API's instruments (meter <c>MacroLab.Api</c>), exported through OpenTelemetry when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set:
/// requests, latency, errors, scored rows, the served version, switches, load failures, shadow differences and the prediction log.
/// </summary>
internal sealed class ApiMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MacroLab.Api";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _switches;
    private readonly Counter<long> _loadFailures;
    private readonly Histogram<double> _shadowDifference;
    private readonly Counter<long> _shadowDropped;
    private readonly Counter<long> _logRows;
    private readonly Counter<long> _logDropped;
    private readonly Counter<long> _logFailures;
    private int _servedVersion;

    public ApiMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("macrolab.api.requests", "{request}", "HTTP requests by endpoint, status and model version.");
        _duration = _meter.CreateHistogram<double>("macrolab.api.request.duration", "s", "Request latency from the first byte read to the response.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1] });
        _errors = _meter.CreateCounter<long>("macrolab.api.errors", "{request}", "Requests answered 4xx or 5xx, by endpoint and status.");
        _rows = _meter.CreateCounter<long>("macrolab.api.rows", "{row}", "Rows scored, by model version.");
        _switches = _meter.CreateCounter<long>("macrolab.api.model.switches", "{switch}", "Blue/green switches of the served version.");
        _loadFailures = _meter.CreateCounter<long>("macrolab.api.model.load_failures", "{failure}", "Versions that failed to load or warm up, by slot.");
        _shadowDifference = _meter.CreateHistogram<double>("macrolab.api.shadow.difference", "1", "Largest |served - shadow| tilt per shadowed request.");
        _shadowDropped = _meter.CreateCounter<long>("macrolab.api.shadow.dropped", "{request}", "Shadow copies dropped because the shadow queue was full.");
        _logRows = _meter.CreateCounter<long>("macrolab.api.prediction_log.rows", "{row}", "Rows written to the prediction log.");
        _logDropped = _meter.CreateCounter<long>("macrolab.api.prediction_log.dropped", "{row}", "Rows not logged because the buffer was full or the lake refused them.");
        _logFailures = _meter.CreateCounter<long>("macrolab.api.prediction_log.write_failures", "{batch}", "Prediction log batches that failed to write.");
        _meter.CreateObservableGauge("macrolab.api.model.version", () => Volatile.Read(ref _servedVersion), "{version}", "The registry version being served (0 before the first load).");
    }

    public void Request(string endpoint, int status, string? version, double seconds)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "status_code", status }, { "model_version", version ?? "none" } };
        _requests.Add(1, tags);
        _duration.Record(seconds, tags);
        if (status >= 400)
        {
            _errors.Add(1, new TagList { { "endpoint", endpoint }, { "status_code", status } });
        }
    }

    public void Scored(ServedModel model, int rows) => _rows.Add(rows, new KeyValuePair<string, object?>("model_version", model.VersionText));

    public void ModelSwitched(ServedModel model)
    {
        Volatile.Write(ref _servedVersion, model.Version);
        _switches.Add(1);
    }

    public void LoadFailed(string slot) => _loadFailures.Add(1, new KeyValuePair<string, object?>("slot", slot));

    public void ShadowDifference(double difference) => _shadowDifference.Record(difference);

    public void ShadowDropped() => _shadowDropped.Add(1);

    public void Logged(int rows) => _logRows.Add(rows);

    public void LogDropped(int rows) => _logDropped.Add(rows);

    public void LogWriteFailed() => _logFailures.Add(1);

    public void Dispose() => _meter.Dispose();
}
