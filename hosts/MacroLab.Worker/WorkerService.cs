using MacroLab.Trials;
using Microsoft.Extensions.Hosting;

namespace MacroLab.Worker;

/// <summary>Runs the <see cref="TrialWorker"/> for the host's lifetime; the host's stop (SIGTERM) drains it.</summary>
internal sealed class WorkerService(TrialWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
