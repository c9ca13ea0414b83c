using MacroLab.Ingest.Lambda.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace MacroLab.Ingest.Lambda.Tests;

/// <summary>The runtime loop running in the background against a fake Runtime API, stopped at the end of a test.</summary>
internal sealed class RuntimeRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private RuntimeRun(FakeLambdaRuntimeApi api, Func<ILambdaHandler> initialise, TimeSpan? deadlineMargin)
    {
        var runtime = new LambdaRuntime(new LambdaRuntimeClient(_http, api.Address), TimeProvider.System, NullLogger.Instance)
        {
            DeadlineMargin = deadlineMargin ?? LambdaRuntime.DefaultDeadlineMargin,
        };
        Completion = Task.Run(() => runtime.RunAsync(initialise, _stopping.Token));
    }

    /// <summary>The loop's exit code when it ends.</summary>
    public Task<int> Completion { get; }

    public static RuntimeRun Start(FakeLambdaRuntimeApi api, Func<ILambdaHandler> initialise, TimeSpan? deadlineMargin = null) => new(api, initialise, deadlineMargin);

    /// <summary>Stops the loop (as a shutdown does) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stopping.CancelAsync();
        return await Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception) when (Completion.IsFaulted)
        {
            // The test has already asserted what it needed; a faulted loop shows in its own assertions.
        }

        _stopping.Dispose();
        _http.Dispose();
    }
}
