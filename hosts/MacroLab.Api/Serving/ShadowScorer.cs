using System.Threading.Channels;
using MacroLab.Api.Telemetry;
using MacroLab.Data.Drift;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>
/// Shadow mode: a copy of each served request is scored by the shadow alias's version in the background; both outputs go to
/// the prediction log under one request id (roles <c>served</c> and <c>shadow</c>), and the largest difference is a metric.
/// The client only ever sees the served version's answer; a full queue drops copies, never requests.
/// </summary>
internal sealed class ShadowScorer(ModelRouter router, PredictionLogWriter log, IOptions<ServingOptions> options, ApiMetrics metrics, ILogger<ShadowScorer> logger)
    : BackgroundService
{
    private readonly Channel<Copy> _queue = Channel.CreateBounded<Copy>(new BoundedChannelOptions(options.Value.ShadowQueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly bool _enabled = options.Value.ShadowAlias is not null;
    private int _mismatchedVersion = -1;

    /// <summary>Queues a copy of a served request (the arrays are not modified); false when there is no shadow or the queue is full.</summary>
    public bool Offer(ServedModel served, string requestId, int rows, float[] inputs, float[] outputs)
    {
        if (!_enabled || router.Shadow is null)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(new Copy(served.Scorer.RowWidth, requestId, rows, inputs, outputs)))
        {
            return true;
        }

        metrics.ShadowDropped();
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (Copy copy in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                Score(copy);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shadow copies still queued at shutdown are not scored: they never affected a client.
        }
    }

    private void Score(Copy copy)
    {
        ServedModel? shadow = router.AcquireShadow();
        if (shadow is null)
        {
            return;
        }

        try
        {
            if (shadow.Scorer.RowWidth != copy.RowWidth)
            {
                if (Interlocked.Exchange(ref _mismatchedVersion, shadow.Version) != shadow.Version)
                {
                    logger.LogWarning("Shadow {Shadow} takes rows of {ShadowWidth} values, the served version {ServedWidth}: its signature differs, so it is not shadowed",
                        shadow, shadow.Scorer.RowWidth, copy.RowWidth);
                }

                return;
            }

            float[] tilts = shadow.Scorer.Score(copy.Inputs.AsSpan(0, copy.Rows * copy.RowWidth));
            double difference = 0;
            for (int i = 0; i < tilts.Length && i < copy.Outputs.Length; i++)
            {
                difference = Math.Max(difference, Math.Abs(tilts[i] - copy.Outputs[i]));
            }

            metrics.ShadowDifference(difference);
            log.Append(shadow, PredictionLog.ShadowRole, copy.RequestId, copy.Rows, copy.Inputs, tilts);
        }
        catch (ArgumentException error)
        {
            logger.LogWarning(error, "Shadow {Shadow} could not score request {RequestId}", shadow, copy.RequestId);
        }
        finally
        {
            shadow.Release();
        }
    }

    private sealed record Copy(int RowWidth, string RequestId, int Rows, float[] Inputs, float[] Outputs);
}
