using System.Diagnostics.Metrics;

namespace MacroLab.Trials;

/// <summary>The trial worker's meter: trials completed and failed, and how long each took.</summary>
public sealed class TrialWorkerMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MacroLab.Worker";

    private readonly Meter _meter;
    private readonly Counter<long> _trials;
    private readonly Histogram<double> _duration;

    /// <summary>The metrics of a worker, from the host's meter factory.</summary>
    public TrialWorkerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _trials = _meter.CreateCounter<long>("macrolab.worker.trials", "{trial}", "Trials handled, by outcome: completed, failed (retried or dead-lettered) or duplicate.");
        _duration = _meter.CreateHistogram<double>("macrolab.worker.trial.duration", "s", "Wall-clock time of a completed trial, its workload's loading included.");
    }

    /// <summary>Records a completed trial.</summary>
    public void Completed(TimeSpan elapsed)
    {
        _trials.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        _duration.Record(elapsed.TotalSeconds);
    }

    /// <summary>Records a trial whose result was already stored.</summary>
    public void Duplicate() => _trials.Add(1, new KeyValuePair<string, object?>("outcome", "duplicate"));

    /// <summary>Records a failed delivery of a trial.</summary>
    public void Failed() => _trials.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
