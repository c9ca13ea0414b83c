using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Strategies;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MacroLab.Trials;

/// <summary>
/// The consumer side of <see cref="SqsTrialExecutor"/>: receives one trial message at a time, runs it on the experiment's
/// workload (read once from the object store, then cached) and writes the result. Safe under SQS's at-least-once delivery:
/// <list type="bullet">
/// <item>idempotent: a trial whose result is stored is not run again, and results are written create-only (first writer wins), so a redelivered message never produces a second, different result;</item>
/// <item>the message's visibility timeout is extended while the trial runs, and the message is deleted only after the result is durably written;</item>
/// <item>a failing trial is retried with a growing delay; on the queue's last allowed delivery a failure record tells the executor, and SQS's redrive policy moves the message to the dead-letter queue;</item>
/// <item>on a stop request (SIGTERM) no new message is taken; the trial in progress may finish within <see cref="TrialWorkerOptions.DrainTimeout"/>, else its message is made visible again at once for another worker.</item>
/// </list>
/// </summary>
public sealed partial class TrialWorker
{
    private readonly IAmazonSQS _sqs;
    private readonly IObjectStore _store;
    private readonly StrategyCatalog _catalog;
    private readonly TrialWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _workerId;
    private readonly TrialWorkerMetrics? _metrics;
    private readonly LinkedList<TrialWorkload> _workloads = new();

    /// <summary>A worker.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="store">The object store of workloads and results (the lake's).</param>
    /// <param name="catalog">Where strategies are found by name; must hold every strategy the grids use.</param>
    /// <param name="options">The settings.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">The worker's meter, or null for none.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public TrialWorker(
        IAmazonSQS sqs, IObjectStore store, StrategyCatalog catalog, TrialWorkerOptions options, TimeProvider? time = null, ILogger<TrialWorker>? logger = null, TrialWorkerMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sqs = sqs;
        _store = store;
        _catalog = catalog;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _workerId = options.WorkerId ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}");
        _metrics = metrics;
    }

    /// <summary>This worker's name in logs and failure records.</summary>
    public string WorkerId => _workerId;

    /// <summary>Consumes the queue until <paramref name="stoppingToken"/> is cancelled, then drains the trial in progress and returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        LogStarted(_workerId, _options.QueueUrl);
        while (!stoppingToken.IsCancellationRequested)
        {
            ReceiveMessageResponse response;
            try
            {
                response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = _options.QueueUrl,
                    MaxNumberOfMessages = 1,
                    WaitTimeSeconds = (int)_options.ReceiveWaitTime.TotalSeconds,
                    VisibilityTimeout = Seconds(_options.VisibilityTimeout),
                    MessageSystemAttributeNames = ["ApproximateReceiveCount"],
                }, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is AmazonServiceException or HttpRequestException or IOException)
            {
                LogReceiveFailed(error, _options.QueueUrl);
                await PauseAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (response.Messages is not { Count: > 0 } messages)
            {
                await PauseAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            foreach (Message message in messages)
            {
                await HandleAsync(message, stoppingToken).ConfigureAwait(false);
            }
        }

        LogStopped(_workerId);
    }

    private async Task HandleAsync(Message message, CancellationToken stoppingToken)
    {
        int receives = message.Attributes is { } attributes && attributes.TryGetValue("ApproximateReceiveCount", out string? count)
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 1;
        if (!TryParse(message.Body, out TrialMessage? trialMessage, out string? problem))
        {
            LogPoison(message.MessageId, receives, _options.MaxReceiveCount, problem);
            await RetryLaterAsync(message, receives).ConfigureAwait(false);
            return;
        }

        TrialSpec trial = trialMessage.Trial;
        string experiment = trialMessage.Experiment;
        var results = new ObjectStoreTrialStore(_store, trialMessage.Prefix);

        // Drain: after a stop request the trial may still run for DrainTimeout.
        using var drain = new CancellationTokenSource();
        using CancellationTokenRegistration onStop = stoppingToken.Register(() => drain.CancelAfter(_options.DrainTimeout));
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(drain.Token);
        Task heartbeat = HeartbeatAsync(message, trial, heartbeatStop.Token);
        try
        {
            if (await results.TryLoadAsync(experiment, trial, drain.Token).ConfigureAwait(false) is not null)
            {
                LogDuplicate(trial.Index, trial.Id, experiment, receives);
                _metrics?.Duplicate();
            }
            else
            {
                LogTrialStarted(trial.Index, trial.Id, trial.Strategy, experiment, receives, _workerId);
                long started = _time.GetTimestamp();
                TrialWorkload workload = await LoadWorkloadAsync(trialMessage.Prefix, experiment, drain.Token).ConfigureAwait(false);
                TrialOutcome outcome = await Task.Run(() => workload.Run(trial, _catalog, drain.Token), drain.Token).ConfigureAwait(false);
                bool stored = await results.TrySaveNewAsync(experiment, outcome, drain.Token).ConfigureAwait(false);
                TimeSpan elapsed = _time.GetElapsedTime(started);
                LogTrialCompleted(trial.Index, trial.Id, experiment, elapsed.TotalMilliseconds, stored, _workerId);
                _metrics?.Completed(elapsed);
            }

            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);

            // Only now that the result is durable: delete (not cancellable, so a stop cannot leave a finished trial queued).
            await _sqs.DeleteMessageAsync(_options.QueueUrl, message.ReceiptHandle, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            LogAbandoned(trial.Index, trial.Id, _options.DrainTimeout.TotalSeconds);
            await ChangeVisibilityAsync(message, TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            LogTrialFailed(error, trial.Index, trial.Id, experiment, receives, _options.MaxReceiveCount);
            _metrics?.Failed();
            if (receives >= _options.MaxReceiveCount)
            {
                await RecordFailureAsync(trialMessage, error, receives).ConfigureAwait(false);
            }

            await RetryLaterAsync(message, receives).ConfigureAwait(false);
        }
    }

    private static bool TryParse(string? body, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrialMessage? message, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = "the body is empty";
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize(body, DistributedJsonContext.Default.TrialMessage);
        }
        catch (JsonException error)
        {
            problem = $"the body is not a trial message: {error.Path ?? "$"}: {error.Message}";
            return false;
        }

        if (message is null || message.Trial is null || message.Trial.Parameters is null || string.IsNullOrWhiteSpace(message.Trial.Strategy))
        {
            problem = "the body has no trial (strategy and parameters)";
            message = null;
            return false;
        }

        if (message.Format != TrialMessage.CurrentFormat)
        {
            problem = $"message format {message.Format}; this worker reads format {TrialMessage.CurrentFormat}";
            message = null;
            return false;
        }

        try
        {
            message = message with
            {
                Prefix = TrialLayout.RequireSafe(message.Prefix, "prefix"),
                Experiment = TrialLayout.RequireSafe(message.Experiment, "experiment"),
            };
        }
        catch (ArgumentException error)
        {
            problem = error.Message;
            message = null;
            return false;
        }

        problem = null;
        return true;
    }

    private async Task<TrialWorkload> LoadWorkloadAsync(string prefix, string experiment, CancellationToken cancellationToken)
    {
        for (LinkedListNode<TrialWorkload>? node = _workloads.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Experiment, experiment, StringComparison.Ordinal))
            {
                _workloads.Remove(node);
                _workloads.AddFirst(node);
                return node.Value;
            }
        }

        string key = TrialLayout.Workload(prefix, experiment);
        Stream stream = await _store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        TrialWorkload workload;
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            workload = TrialWorkload.ReadFrom(buffer, $"{_store.Location}/{key}");
        }

        if (!string.Equals(workload.Experiment, experiment, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{_store.Location}/{key} holds experiment {workload.Experiment}, not {experiment}.");
        }

        _workloads.AddFirst(workload);
        while (_workloads.Count > _options.CachedWorkloads)
        {
            _workloads.RemoveLast();
        }

        return workload;
    }

    /// <summary>Keeps the message invisible while the trial runs: renews the visibility timeout every third of it.</summary>
    private async Task HeartbeatAsync(Message message, TrialSpec trial, CancellationToken cancellationToken)
    {
        TimeSpan period = _options.VisibilityTimeout / 3;
        try
        {
            while (true)
            {
                await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                try
                {
                    await _sqs.ChangeMessageVisibilityAsync(_options.QueueUrl, message.ReceiptHandle, Seconds(_options.VisibilityTimeout), cancellationToken).ConfigureAwait(false);
                    LogExtended(trial.Index, trial.Id, _options.VisibilityTimeout.TotalSeconds);
                }
                catch (Exception error) when (error is AmazonServiceException or HttpRequestException or IOException)
                {
                    // Transient, or the receipt is stale; the next beat retries. At worst the message is redelivered and the
                    // result (create-only) is still written once.
                    LogExtendFailed(error, trial.Index, trial.Id);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecordFailureAsync(TrialMessage message, Exception error, int receives)
    {
        var failure = new TrialFailure(message.Trial.Id, message.Trial.Index, $"{error.GetType().Name}: {error.Message}", receives, _workerId, _time.GetUtcNow());
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(failure, DistributedJsonContext.Default.TrialFailure), writable: false);
        try
        {
            await _store.PutAsync(TrialLayout.Failure(message.Prefix, message.Experiment, message.Trial.Id), content, ObjectWriteMode.Overwrite, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception storeError) when (storeError is IOException or AmazonServiceException or UnauthorizedAccessException)
        {
            LogFailureRecordFailed(storeError, message.Trial.Id);
        }
    }

    /// <summary>Makes the message visible again after a growing delay (10 s, 20 s, 40 s, ... at most 15 min).</summary>
    private Task RetryLaterAsync(Message message, int receives)
    {
        double seconds = Math.Min(900, _options.RetryDelay.TotalSeconds * Math.Pow(2, Math.Max(0, receives - 1)));
        return ChangeVisibilityAsync(message, TimeSpan.FromSeconds(seconds));
    }

    private async Task ChangeVisibilityAsync(Message message, TimeSpan visibility)
    {
        try
        {
            await _sqs.ChangeMessageVisibilityAsync(_options.QueueUrl, message.ReceiptHandle, Seconds(visibility), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is AmazonServiceException or HttpRequestException or IOException)
        {
            LogExtendFailed(error, -1, message.MessageId); // the visibility timeout expires by itself
        }
    }

    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_options.IdleDelay, _time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static int Seconds(TimeSpan value) => (int)Math.Ceiling(value.TotalSeconds);

    [LoggerMessage(1, LogLevel.Information, "Worker {Worker} consuming {Queue}")]
    private partial void LogStarted(string worker, string queue);

    [LoggerMessage(2, LogLevel.Information, "Worker {Worker} stopped")]
    private partial void LogStopped(string worker);

    [LoggerMessage(3, LogLevel.Warning, "Receiving from {Queue} failed; retrying")]
    private partial void LogReceiveFailed(Exception error, string queue);

    [LoggerMessage(4, LogLevel.Error, "Poison message {MessageId} (delivery {Receives} of {MaxReceives}, then the dead-letter queue): {Problem}")]
    private partial void LogPoison(string messageId, int receives, int maxReceives, string problem);

    [LoggerMessage(5, LogLevel.Information, "Trial {TrialIndex} ({TrialId}) of {Experiment} is already stored (delivery {Receives}); deleting the message")]
    private partial void LogDuplicate(int trialIndex, string trialId, string experiment, int receives);

    [LoggerMessage(6, LogLevel.Information, "Trial {TrialIndex} ({TrialId}, {Strategy}) of {Experiment} started (delivery {Receives}) on {Worker}")]
    private partial void LogTrialStarted(int trialIndex, string trialId, string strategy, string experiment, int receives, string worker);

    [LoggerMessage(7, LogLevel.Information, "Trial {TrialIndex} ({TrialId}) of {Experiment} completed in {ElapsedMs:0} ms; stored={Stored} on {Worker}")]
    private partial void LogTrialCompleted(int trialIndex, string trialId, string experiment, double elapsedMs, bool stored, string worker);

    [LoggerMessage(8, LogLevel.Warning, "Trial {TrialIndex} ({TrialId}) abandoned: still running {DrainSeconds} s after the stop request; its message is visible again")]
    private partial void LogAbandoned(int trialIndex, string trialId, double drainSeconds);

    [LoggerMessage(9, LogLevel.Error, "Trial {TrialIndex} ({TrialId}) of {Experiment} failed on delivery {Receives} of {MaxReceives}")]
    private partial void LogTrialFailed(Exception error, int trialIndex, string trialId, string experiment, int receives, int maxReceives);

    [LoggerMessage(10, LogLevel.Debug, "Trial {TrialIndex} ({TrialId}): visibility extended by {Seconds} s")]
    private partial void LogExtended(int trialIndex, string trialId, double seconds);

    [LoggerMessage(11, LogLevel.Warning, "Changing the visibility of message {TrialIndex}/{Id} failed")]
    private partial void LogExtendFailed(Exception error, int trialIndex, string id);

    [LoggerMessage(12, LogLevel.Error, "Writing the failure record of trial {TrialId} failed")]
    private partial void LogFailureRecordFailed(Exception error, string trialId);
}
