using MacroLab.Data.Drift;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Drift;

public sealed class PredictionLogTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder _folder = new();
    private readonly LocalObjectStore _store;

    public PredictionLogTests() => _store = new LocalObjectStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Batches_round_trip_in_time_order_across_versions_and_filters_apply()
    {
        var v1 = PredictionLogBatch.FromRecords("tilt", 1, ["cpi", "ip"], ["spx", "ust"],
        [
            new PredictionRecord(Noon.AddSeconds(2), "r2", PredictionLog.ServedRole, [1.5f, -2f], [0.25f, -0.25f]),
            new PredictionRecord(Noon.AddSeconds(2), "r2", PredictionLog.ShadowRole, [1.5f, -2f], [0.5f, -0.5f]),
        ]);
        var v2 = PredictionLogBatch.FromRecords("tilt", 2, ["cpi", "ip", "slope"], ["spx", "ust"],
        [
            new PredictionRecord(Noon, "r1", PredictionLog.ServedRole, [3f, 4f, 5f], [0.1f, 0.2f]),
            new PredictionRecord(Noon.AddDays(1), "r3", PredictionLog.ServedRole, [6f, 7f, 8f], [0.3f, 0.4f]),
        ]);
        string key1 = await PredictionLog.WriteAsync(_store, v1, "host-1", 1);
        string key2 = await PredictionLog.WriteAsync(_store, v2, "host-1", 2);
        Assert.Equal("logs/predictions/tilt/v1/2026-11-30/20261130T120002000Z-host-1-00000001.parquet", key1);
        Assert.StartsWith("logs/predictions/tilt/v2/2026-11-30/", key2, StringComparison.Ordinal);

        PredictionLogTable served = await PredictionLog.ReadAsync(_store, "tilt");
        Assert.Equal(["r1", "r2", "r3"], served.RequestIds);
        Assert.Equal([2, 1, 2], served.Versions);
        Assert.Equal(["cpi", "ip", "slope"], served.FeatureNames);
        Assert.Equal([3.0, 1.5, 6.0], served.Input("cpi"));
        Assert.True(double.IsNaN(served.Input("slope")[1])); // version 1 had no such input
        Assert.Equal([0.1f, 0.25f, 0.3f], served.Output("spx").Select(v => (float)v));
        Assert.Equal(2, served.Files);

        PredictionLogTable all = await PredictionLog.ReadAsync(_store, "tilt", new PredictionLogQuery { Role = null });
        Assert.Equal(4, all.RowCount);
        PredictionLogTable shadow = await PredictionLog.ReadAsync(_store, "tilt", new PredictionLogQuery { Role = PredictionLog.ShadowRole });
        Assert.Equal([0.5], shadow.Output("spx"));

        PredictionLogTable window = await PredictionLog.ReadAsync(_store, "tilt", new PredictionLogQuery { From = Noon.AddSeconds(1), Until = Noon.AddHours(1) });
        Assert.Equal(["r2"], window.RequestIds);
        PredictionLogTable version2 = await PredictionLog.ReadAsync(_store, "tilt", new PredictionLogQuery { Version = 2 });
        Assert.Equal(["r1", "r3"], version2.RequestIds);
        Assert.Equal(1, version2.Files);
        Assert.Throws<KeyNotFoundException>(() => version2.Input("nope"));
        Assert.False(version2.Truncated);

        // A cap keeps the newest rows, reading the newest objects first.
        PredictionLogTable newest = await PredictionLog.ReadAsync(_store, "tilt", new PredictionLogQuery { MaxRows = 2 });
        Assert.Equal(["r2", "r3"], newest.RequestIds);
        Assert.True(newest.Truncated);
    }

    [Fact]
    public async Task A_batch_never_replaces_an_existing_object()
    {
        var batch = PredictionLogBatch.FromRecords("tilt", 1, ["cpi"], ["spx"], [new PredictionRecord(Noon, "r", PredictionLog.ServedRole, [1f], [0f])]);
        await PredictionLog.WriteAsync(_store, batch, "host", 7);
        await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() => PredictionLog.WriteAsync(_store, batch, "host", 7));
    }

    [Fact]
    public async Task Bad_batches_and_corrupt_objects_are_errors_naming_them()
    {
        var wide = Assert.Throws<ArgumentException>(() => PredictionLogBatch.FromRecords("tilt", 1, ["cpi"], ["spx"], [new PredictionRecord(Noon, "r", PredictionLog.ServedRole, [1f, 2f], [0f])]));
        Assert.Contains("Record 0 has 2 inputs", wide.Message, StringComparison.Ordinal);
        var good = PredictionLogBatch.FromRecords("tilt", 1, ["cpi"], ["spx"], [new PredictionRecord(Noon, "r", PredictionLog.ServedRole, [1f], [0f])]);
        await Assert.ThrowsAsync<ArgumentException>(() => PredictionLog.EncodeAsync(good with { LoggedAt = [], RequestIds = [], Roles = [], Inputs = [], Outputs = [] }));
        var ragged = await Assert.ThrowsAsync<ArgumentException>(() => PredictionLog.EncodeAsync(good with { Inputs = [1f, 2f] }));
        Assert.Contains("need 1 inputs", ragged.Message, StringComparison.Ordinal);

        using (var junk = new MemoryStream("not parquet"u8.ToArray()))
        {
            await _store.PutAsync("logs/predictions/tilt/v1/2026-11-30/junk.parquet", junk);
        }

        var error = await Assert.ThrowsAsync<DataFormatException>(() => PredictionLog.ReadAsync(_store, "tilt"));
        Assert.Contains("junk.parquet", error.Message, StringComparison.Ordinal);
    }
}
