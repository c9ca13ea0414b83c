using System.Diagnostics.Metrics;
using System.Globalization;

namespace MacroLab.Telemetry;

/// <summary>
/// Writes the measurements of chosen <see cref="Meter"/>s as CloudWatch Embedded Metric Format lines, so that a host's
/// metrics reach CloudWatch through its log stream alone (no collector, no API call). Every <see cref="Flush"/> (the
/// interval's timer, and disposal) writes, per instrument and tag set: a counter's sum over the interval, an observable
/// gauge's current value, and a histogram's recorded values as a distribution (100 values per document, the format's
/// limit, so percentiles such as p99 are exact). Tags become dimensions; instrument names and units are kept
/// (<c>s</c> → Seconds, <c>{request}</c> → Count).
/// </summary>
public sealed class EmbeddedMetricsExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly EmbeddedMetricsOptions _options;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ITimer? _timer;
    private Dictionary<Key, Series> _series = [];
    private bool _disposed;

    /// <summary>Starts listening to the meters named in <paramref name="options"/>.</summary>
    /// <param name="options">The namespace, the meters and the interval.</param>
    /// <param name="output">Where the lines go (the host's standard output, which its log driver ships).</param>
    /// <param name="time">The clock of the timestamps and the timer.</param>
    /// <param name="scope">
    /// Only meters of this scope, e.g. the host's <see cref="IMeterFactory"/>, so that two hosts in one process (as in
    /// tests) do not report each other's measurements; null for every meter of the names given.
    /// </param>
    public EmbeddedMetricsExporter(EmbeddedMetricsOptions options, TextWriter output, TimeProvider? time = null, object? scope = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        _options = options;
        _output = output;
        _time = time ?? TimeProvider.System;
        var meters = new HashSet<string>(options.Meters, StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter.Name) && (scope is null || ReferenceEquals(instrument.Meter.Scope, scope)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        if (options.FlushInterval > TimeSpan.Zero)
        {
            _timer = _time.CreateTimer(_ => Flush(), null, options.FlushInterval, options.FlushInterval);
        }
    }

    /// <summary>Writes what was measured since the last flush, then starts a new interval.</summary>
    public void Flush()
    {
        _listener.RecordObservableInstruments();
        Dictionary<Key, Series> series;
        lock (_gate)
        {
            (series, _series) = (_series, []);
        }

        DateTimeOffset now = _time.GetUtcNow();
        var lines = new List<string>();
        foreach (IGrouping<string, KeyValuePair<Key, Series>> tagSet in series.GroupBy(s => s.Key.Tags, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            KeyValuePair<Key, Series>[] members = [.. tagSet.OrderBy(s => s.Key.Instrument, StringComparer.Ordinal)];
            int documents = Math.Max(1, members.Max(m => m.Value.Kind == Kind.Distribution ? (m.Value.Values.Count + EmbeddedMetricsDocument.MaxValuesPerMetric - 1) / EmbeddedMetricsDocument.MaxValuesPerMetric : 1));
            for (int d = 0; d < documents; d++)
            {
                var document = new EmbeddedMetricsDocument(_options.Namespace, now);
                foreach ((string name, string value) in members[0].Value.Tags)
                {
                    document.Dimension(name, value);
                }

                foreach ((Key key, Series s) in members)
                {
                    if (s.Kind == Kind.Distribution)
                    {
                        List<double> chunk = [.. s.Values.Skip(d * EmbeddedMetricsDocument.MaxValuesPerMetric).Take(EmbeddedMetricsDocument.MaxValuesPerMetric)];
                        if (chunk.Count > 0)
                        {
                            document.Metric(key.Instrument, s.Unit, chunk);
                        }
                    }
                    else if (d == 0)
                    {
                        document.Metric(key.Instrument, s.Unit, s.Value);
                    }
                }

                if (document.MetricCount > 0)
                {
                    lines.Add(document.ToJson());
                }
            }
        }

        if (lines.Count > 0)
        {
            lock (_output)
            {
                foreach (string line in lines)
                {
                    _output.WriteLine(line);
                }

                _output.Flush();
            }
        }
    }

    /// <summary>Stops listening and writes the last interval.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer?.Dispose();
        Flush();
        _listener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        Kind kind = instrument switch
        {
            Histogram<double> or Histogram<long> or Histogram<int> => Kind.Distribution,
            ObservableGauge<double> or ObservableGauge<long> or ObservableGauge<int> => Kind.Last,
            _ => Kind.Sum,
        };
        KeyValuePair<string, string>[] dimensions = [.. tags.ToArray()
            .Select(t => new KeyValuePair<string, string>(t.Key, Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? string.Empty))
            .OrderBy(t => t.Key, StringComparer.Ordinal)];
        var key = new Key(instrument.Name, string.Join('\u001f', dimensions.Select(d => $"{d.Key}={d.Value}")));
        lock (_gate)
        {
            if (!_series.TryGetValue(key, out Series? series))
            {
                _series[key] = series = new Series(kind, EmbeddedMetricsDocument.UnitOf(instrument.Unit), dimensions);
            }

            series.Add(value);
        }
    }

    private enum Kind
    {
        Sum,
        Last,
        Distribution,
    }

    private readonly record struct Key(string Instrument, string Tags);

    private sealed class Series(Kind kind, string unit, KeyValuePair<string, string>[] tags)
    {
        public Kind Kind { get; } = kind;

        public string Unit { get; } = unit;

        public KeyValuePair<string, string>[] Tags { get; } = tags;

        public double Value { get; private set; }

        public List<double> Values { get; } = [];

        public void Add(double value)
        {
            switch (Kind)
            {
                case Kind.Sum:
                    Value += value;
                    break;
                case Kind.Last:
                    Value = value;
                    break;
                default:
                    Values.Add(value);
                    break;
            }
        }
    }
}
