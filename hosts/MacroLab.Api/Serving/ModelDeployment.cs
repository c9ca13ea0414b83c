using MacroLab.Registry;
using Microsoft.Extensions.Options;

using MacroLab.Api.Telemetry;

namespace MacroLab.Api.Serving;

/// <summary>
/// Follows the registry: at start and every <see cref="ServingOptions.PollInterval"/> (or on <c>POST /admin/reload</c>) it asks
/// where the served and shadow aliases point, loads and warms a new version beside the old one, switches atomically, and
/// retires the old one once its in-flight requests have finished. A version that fails to load or warm up is never served:
/// the previous one keeps serving, and the error shows in <c>/readyz</c> and the logs.
/// </summary>
internal sealed class ModelDeployment(
    ModelRouter router, ModelLoader loader, IOptions<ServingOptions> options, ApiMetrics metrics, ILogger<ModelDeployment> logger) : BackgroundService
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ServingOptions _options = options.Value;
    private readonly List<Task> _retiring = [];
    private volatile string? _lastError;

    /// <summary>The last load error of the served slot, or null after a successful refresh.</summary>
    public string? LastError => _lastError;

    /// <summary>Asks the registry once and switches versions where an alias moved.</summary>
    public async Task<IReadOnlyList<ModelSwitch>> RefreshAsync(string reason, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var switches = new List<ModelSwitch> { await RefreshSlotAsync("primary", _options.Alias, reason, cancellationToken).ConfigureAwait(false) };
            if (_options.ShadowAlias is { } shadow)
            {
                switches.Add(await RefreshSlotAsync("shadow", shadow, reason, cancellationToken).ConfigureAwait(false));
            }

            return switches;
        }
        finally
        {
            _refresh.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        do
        {
            try
            {
                await RefreshAsync("poll", stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Task[] retiring;
        lock (_retiring)
        {
            retiring = [.. _retiring];
        }

        await Task.WhenAll(retiring).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        router.SwapPrimary(null)?.Dispose();
        router.SwapShadow(null)?.Dispose();
        _refresh.Dispose();
        base.Dispose();
    }

    private async Task<ModelSwitch> RefreshSlotAsync(string slot, string alias, string reason, CancellationToken cancellationToken)
    {
        bool primary = slot == "primary";
        ServedModel? current = primary ? router.Primary : router.Shadow;
        try
        {
            ModelVersion target = await loader.ResolveAsync(_options.Model, alias, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Version == target.Version)
            {
                if (primary)
                {
                    _lastError = null;
                }

                return new ModelSwitch(slot, alias, current.Version, current.Version, null);
            }

            ServedModel next = await loader.LoadAsync(target, alias, _options.WarmUpTolerance, cancellationToken).ConfigureAwait(false);
            ServedModel? previous = primary ? router.SwapPrimary(next) : router.SwapShadow(next);
            if (primary)
            {
                _lastError = null;
                metrics.ModelSwitched(next);
            }

            logger.LogWarning("Switched {Slot} '{Alias}' of {Model} from version {From} to {To} ({Reason})",
                slot, alias, _options.Model, previous?.Version, next.Version, reason);
            if (previous is not null)
            {
                Retire(previous);
            }

            return new ModelSwitch(slot, alias, previous?.Version, next.Version, null);
        }
        // Whatever went wrong (registry down, a corrupt artifact, a failed warm-up), the process keeps serving what it has.
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            string message = $"{_options.Model}@{alias}: {error.Message}";
            if (primary)
            {
                _lastError = message;
            }

            metrics.LoadFailed(slot);
            logger.LogError(error, "Could not load {Slot} '{Alias}' of {Model}; {Current} keeps serving", slot, alias, _options.Model, current?.ToString() ?? "nothing");
            return new ModelSwitch(slot, alias, current?.Version, current?.Version, message);
        }
    }

    private void Retire(ServedModel previous)
    {
        Task task = Task.Run(async () =>
        {
            bool drained = await previous.RetireAsync(_options.DrainTimeout, CancellationToken.None).ConfigureAwait(false);
            if (!drained)
            {
                logger.LogError("{Model} still had {Leases} requests after the drain timeout {Timeout}; waiting for them before releasing it", previous, previous.Leases, _options.DrainTimeout);
                await previous.RetireAsync(Timeout.InfiniteTimeSpan, CancellationToken.None).ConfigureAwait(false);
            }

            previous.Dispose();
            logger.LogInformation("Released {Model} after draining", previous);
        });
        lock (_retiring)
        {
            _retiring.RemoveAll(t => t.IsCompleted);
            _retiring.Add(task);
        }
    }
}
