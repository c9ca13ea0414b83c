using System.Threading.Channels;
using MacroLab.Api.Telemetry;
using MacroLab.Data.Drift;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>
/// Appends scored rows to the lake's prediction log off the request path: requests hand their arrays over without copying,
/// a background loop writes one Parquet object per model version every <see cref="PredictionLogOptions.FlushRows"/> rows or
/// <see cref="PredictionLogOptions.FlushInterval"/>, and shutdown flushes what is left. Memory is bounded by
/// <see cref="PredictionLogOptions.CapacityRows"/>: beyond it rows are dropped and counted, never the request.
/// </summary>
internal sealed class PredictionLogWriter(
    IObjectStore store, IOptions<ServingOptions> options, TimeProvider time, ApiMetrics metrics, ILogger<PredictionLogWriter> logger) : BackgroundService
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];
    private readonly PredictionLogOptions _options = options.Value.PredictionLog;
    private readonly Channel<Entry> _channel = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _writer = options.Value.PredictionLog.Writer ?? $"{Sanitize(Environment.MachineName)}-{Environment.ProcessId}";
    private long _sequence;
    private int _pendingRows;

    /// <summary>Rows accepted and not yet written.</summary>
    public int PendingRows => Volatile.Read(ref _pendingRows);

    /// <summary>Queues rows for the log; takes ownership of the arrays. False when logging is off or the buffer is full.</summary>
    public bool Append(ServedModel model, string role, string requestId, int rows, float[] inputs, float[] outputs)
    {
        if (!_options.Enabled)
        {
            return false;
        }

        if (Interlocked.Add(ref _pendingRows, rows) > _options.CapacityRows)
        {
            Interlocked.Add(ref _pendingRows, -rows);
            metrics.LogDropped(rows);
            return false;
        }

        var entry = new Entry(model.Name, model.Version, model.Scorer.FeatureNames, model.Scorer.Assets, model.Scorer.Lookback, role, requestId, time.GetUtcNow(), rows, inputs, outputs);
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Add(ref _pendingRows, -rows);
            metrics.LogDropped(rows);
            return false;
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batches = new Dictionary<(string Model, int Version), List<Entry>>();
        int buffered = 0;
        long lastFlush = time.GetTimestamp();
        ChannelReader<Entry> reader = _channel.Reader;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait = _options.FlushInterval - time.GetElapsedTime(lastFlush);
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(wait);
                    try
                    {
                        await reader.WaitToReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // The flush interval passed.
                    }
                }

                while (buffered < _options.FlushRows && reader.TryRead(out Entry? entry))
                {
                    Add(batches, entry);
                    buffered += entry.Rows;
                }

                if (buffered >= _options.FlushRows || (buffered > 0 && time.GetElapsedTime(lastFlush) >= _options.FlushInterval))
                {
                    buffered = 0;
                    await FlushAsync(batches, stoppingToken);
                    lastFlush = time.GetTimestamp();
                }
                else if (buffered == 0)
                {
                    lastFlush = time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the rest is flushed below.
        }

        // Shutdown: requests have stopped (Kestrel drains before hosted services stop); write everything that is left.
        while (reader.TryRead(out Entry? entry))
        {
            Add(batches, entry);
        }

        await FlushAsync(batches, CancellationToken.None);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private static void Add(Dictionary<(string, int), List<Entry>> batches, Entry entry)
    {
        if (!batches.TryGetValue((entry.Model, entry.Version), out List<Entry>? list))
        {
            batches[(entry.Model, entry.Version)] = list = [];
        }

        list.Add(entry);
    }

    private async Task FlushAsync(Dictionary<(string Model, int Version), List<Entry>> batches, CancellationToken cancellationToken)
    {
        foreach (((string model, int version), List<Entry> entries) in batches)
        {
            if (entries.Count == 0)
            {
                continue;
            }

            Entry first = entries[0];
            int rows = entries.Sum(e => e.Rows), features = first.FeatureNames.Count, assets = first.Assets.Count, width = first.Lookback * features;
            var loggedAt = new DateTimeOffset[rows];
            var requestIds = new string[rows];
            var roles = new string[rows];
            var inputs = new float[rows * features];
            var outputs = new float[rows * assets];
            int row = 0;
            foreach (Entry entry in entries)
            {
                for (int r = 0; r < entry.Rows; r++, row++)
                {
                    loggedAt[row] = entry.LoggedAt;
                    requestIds[row] = entry.RequestId;
                    roles[row] = entry.Role;
                    // The newest decision date of the row's window: the same per-date layout as the drift reference.
                    entry.Inputs.AsSpan((r * width) + width - features, features).CopyTo(inputs.AsSpan(row * features));
                    entry.Outputs.AsSpan(r * assets, assets).CopyTo(outputs.AsSpan(row * assets));
                }
            }

            var batch = new PredictionLogBatch(model, version, first.FeatureNames, first.Assets, loggedAt, requestIds, roles, inputs, outputs);
            long sequence = Interlocked.Increment(ref _sequence);
            bool written = false;
            for (int attempt = 0; !written; attempt++)
            {
                try
                {
                    string key = await PredictionLog.WriteAsync(store, batch, _writer, sequence, cancellationToken);
                    metrics.Logged(rows);
                    logger.LogDebug("Logged {Rows} predictions of {Model}:{Version} to {Key}", rows, model, version, key);
                    written = true;
                }
                catch (Exception error) when (error is not OperationCanceledException && attempt < Backoff.Length)
                {
                    logger.LogWarning(error, "Writing {Rows} logged predictions failed (attempt {Attempt}); retrying", rows, attempt + 1);
                    await Task.Delay(Backoff[attempt], time, cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    metrics.LogWriteFailed();
                    metrics.LogDropped(rows);
                    logger.LogError(error, "Dropped {Rows} logged predictions of {Model}:{Version}: the lake refused them {Attempts} times", rows, model, version, attempt + 1);
                    break;
                }
            }

            Interlocked.Add(ref _pendingRows, -rows);
            entries.Clear();
        }
    }

    private static string Sanitize(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);

    private sealed record Entry(
        string Model, int Version, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> Assets, int Lookback,
        string Role, string RequestId, DateTimeOffset LoggedAt, int Rows, float[] Inputs, float[] Outputs);
}
