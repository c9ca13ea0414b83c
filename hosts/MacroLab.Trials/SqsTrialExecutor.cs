using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using MacroLab.Backtest.Grid;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MacroLab.Trials;

/// <summary>
/// Runs grid trials on <c>MacroLab.Worker</c> processes (pods on EKS) fed by an SQS queue. The workload (data and options) is
/// written once to the object store; each missing trial becomes one message; workers write each result once, keyed by the
/// trial's content hash, and this executor gathers them from the store. Results already stored (an earlier, interrupted run
/// of the same experiment) are reused without sending anything, so the outcomes equal those of
/// <see cref="InProcessTrialExecutor"/> and a re-run only sends what is missing.
/// </summary>
/// <remarks>
/// Kubernetes (autoscaling the workers on queue depth) and SQS (redelivery, dead-lettering) are the distributed engine;
/// this class is only the publisher and the gatherer. Only <see cref="IPortableTrialRunner"/>s can be distributed: the
/// runners of <see cref="GridSearch"/> are.
/// </remarks>
public sealed class SqsTrialExecutor : ITrialExecutor
{
    private readonly IAmazonSQS _sqs;
    private readonly IObjectStore _store;
    private readonly SqsTrialExecutorOptions _options;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>An executor publishing to <see cref="SqsTrialExecutorOptions.QueueUrl"/> and gathering from <paramref name="store"/>.</summary>
    /// <exception cref="ArgumentException">The queue URL or the prefix is empty or unsafe, or the poll interval is not positive.</exception>
    public SqsTrialExecutor(IAmazonSQS sqs, IObjectStore store, SqsTrialExecutorOptions options, TimeProvider? time = null, ILogger<SqsTrialExecutor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.QueueUrl, nameof(options));
        if (options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"PollInterval must be positive; {options.PollInterval} given.", nameof(options));
        }

        _sqs = sqs;
        _store = store;
        _options = options;
        _prefix = TrialLayout.RequireSafe(options.Prefix, nameof(options.Prefix));
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException"><paramref name="runner"/> is not an <see cref="IPortableTrialRunner"/>.</exception>
    /// <exception cref="TrialFailedException">A trial failed on every delivery allowed by the queue's redrive policy.</exception>
    /// <exception cref="TimeoutException">Not every result arrived within <see cref="SqsTrialExecutorOptions.Timeout"/>.</exception>
    public async Task<IReadOnlyList<TrialOutcome>> ExecuteAsync(
        IReadOnlyList<TrialSpec> trials, ITrialRunner runner, IProgress<TrialProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(runner);
        if (runner is not IPortableTrialRunner portable)
        {
            throw new NotSupportedException($"{runner.GetType().Name} cannot run on remote workers: only an {nameof(IPortableTrialRunner)} (as GridSearch uses) carries its data to them.");
        }

        var outcomes = new TrialOutcome?[trials.Count];
        if (trials.Count == 0)
        {
            return [];
        }

        string experiment = TrialLayout.RequireSafe(portable.Workload.Experiment, "experiment");
        var results = new ObjectStoreTrialStore(_store, _prefix);
        await PublishWorkloadAsync(portable.Workload, experiment, cancellationToken).ConfigureAwait(false);

        // Results of an earlier run of this experiment count; a final failure of an earlier run is cleared and retried.
        var pending = new List<int>();
        int completed = 0;
        for (int i = 0; i < trials.Count; i++)
        {
            if (await results.TryLoadAsync(experiment, trials[i], cancellationToken).ConfigureAwait(false) is { } stored)
            {
                outcomes[i] = stored;
                progress?.Report(new TrialProgress(++completed, trials.Count, trials[i], true));
            }
            else
            {
                await _store.DeleteAsync(TrialLayout.Failure(_prefix, experiment, trials[i].Id), cancellationToken).ConfigureAwait(false);
                pending.Add(i);
            }
        }

        await SendAsync(experiment, [.. pending.Select(i => trials[i])], cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Sent {Sent} trials of experiment {Experiment} to {Queue}; {Reused} results were already stored.",
            pending.Count, experiment, _options.QueueUrl, trials.Count - pending.Count);

        long started = _time.GetTimestamp();
        while (pending.Count > 0)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await foreach (ObjectInfo info in _store.ListAsync(TrialLayout.Experiment(_prefix, experiment), cancellationToken).ConfigureAwait(false))
            {
                keys.Add(info.Key);
            }

            for (int p = pending.Count - 1; p >= 0; p--)
            {
                TrialSpec trial = trials[pending[p]];
                if (keys.Contains(results.KeyOf(experiment, trial))
                    && await results.TryLoadAsync(experiment, trial, cancellationToken).ConfigureAwait(false) is { } outcome)
                {
                    outcomes[pending[p]] = outcome;
                    pending.RemoveAt(p);
                    progress?.Report(new TrialProgress(++completed, trials.Count, trial, false));
                }
                else if (keys.Contains(TrialLayout.Failure(_prefix, experiment, trial.Id)))
                {
                    TrialFailure failure = await ReadFailureAsync(experiment, trial, cancellationToken).ConfigureAwait(false);
                    throw new TrialFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"Trial {trial.Index} ({trial.Id}, {trial.Strategy}) of experiment {experiment} failed on delivery {failure.ReceiveCount} (worker {failure.Worker}, {failure.FailedAt:u}): {failure.Error}. Its message is in the dead-letter queue."));
                }
            }

            if (pending.Count == 0)
            {
                break;
            }

            if (_options.Timeout is { } timeout && _time.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{pending.Count} of {trials.Count} trials of experiment {experiment} have no result after {timeout}: {string.Join(", ", pending.Take(10).Select(i => trials[i].Id))}{(pending.Count > 10 ? ", ..." : "")}. Are workers consuming {_options.QueueUrl}? Their messages stay queued; a re-run reuses every result written so far."));
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        return [.. outcomes.Select(o => o!)];
    }

    private async Task PublishWorkloadAsync(TrialWorkload workload, string experiment, CancellationToken cancellationToken)
    {
        string key = TrialLayout.Workload(_prefix, experiment);
        if (await _store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return; // same experiment, same content: written by an earlier run
        }

        using var content = new MemoryStream();
        workload.WriteTo(content);
        content.Position = 0;
        try
        {
            await _store.PutAsync(key, content, ObjectWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another publisher of the same experiment won the race; the content is the same.
        }
    }

    private async Task SendAsync(string experiment, TrialSpec[] trials, CancellationToken cancellationToken)
    {
        for (int start = 0; start < trials.Length; start += 10)
        {
            TrialSpec[] batch = trials[start..Math.Min(start + 10, trials.Length)];
            var request = new SendMessageBatchRequest
            {
                QueueUrl = _options.QueueUrl,
                Entries = [.. batch.Select((t, k) => new SendMessageBatchRequestEntry(
                    k.ToString(CultureInfo.InvariantCulture),
                    JsonSerializer.Serialize(new TrialMessage(TrialMessage.CurrentFormat, _prefix, experiment, t), DistributedJsonContext.Default.TrialMessage)))],
            };
            SendMessageBatchResponse response = await _sqs.SendMessageBatchAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Failed is { Count: > 0 } failed)
            {
                BatchResultErrorEntry first = failed[0];
                throw new InvalidOperationException($"SQS refused {failed.Count} of {batch.Length} trial messages to {_options.QueueUrl}: {first.Code} {first.Message}. Trials sent before stay queued; a re-run sends again only what has no result.");
            }
        }
    }

    private async Task<TrialFailure> ReadFailureAsync(string experiment, TrialSpec trial, CancellationToken cancellationToken)
    {
        string key = TrialLayout.Failure(_prefix, experiment, trial.Id);
        Stream stream = await _store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, DistributedJsonContext.Default.TrialFailure, cancellationToken).ConfigureAwait(false)
                    ?? new TrialFailure(trial.Id, trial.Index, "(empty failure record)", 0, "?", default);
            }
            catch (JsonException error)
            {
                return new TrialFailure(trial.Id, trial.Index, $"(unreadable failure record {key}: {error.Message})", 0, "?", default);
            }
        }
    }
}
