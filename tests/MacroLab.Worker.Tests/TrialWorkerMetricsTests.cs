using System.Diagnostics.Metrics;
using MacroLab.Trials;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Worker.Tests;

/// <summary>The worker's meter: what each trial outcome records.</summary>
public sealed class TrialWorkerMetricsTests
{
    [Fact]
    public void Each_outcome_is_counted_by_its_tag_and_completed_trials_record_their_duration()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new TrialWorkerMetrics(services.GetRequiredService<IMeterFactory>());
        var counts = new Dictionary<string, long>();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TrialWorkerMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string outcome = (string)tags.ToArray().Single(t => t.Key == "outcome").Value!;
            counts[outcome] = counts.GetValueOrDefault(outcome) + value;
        });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => durations.Add(value));
        listener.Start();

        metrics.Completed(TimeSpan.FromSeconds(2.5));
        metrics.Completed(TimeSpan.FromMilliseconds(500));
        metrics.Failed();
        metrics.Duplicate();

        Assert.Equal(2, counts["completed"]);
        Assert.Equal(1, counts["failed"]);
        Assert.Equal(1, counts["duplicate"]);
        Assert.Equal([2.5, 0.5], durations);
    }
}
