using Microsoft.Extensions.Logging;

namespace MacroLab.Ingest.Lambda.Runtime;

/// <summary>
/// The custom runtime's loop: initialise the handler once (reporting an init error if that fails), then for each invocation
/// run the handler with a token that fires <see cref="DeadlineMargin"/> before the invocation's deadline, and post its
/// response or its error. The loop ends when <c>stoppingToken</c> fires or the runtime API goes away.
/// </summary>
internal sealed partial class LambdaRuntime(LambdaRuntimeClient client, TimeProvider time, ILogger logger)
{
    /// <summary>The default <see cref="DeadlineMargin"/>.</summary>
    public static TimeSpan DefaultDeadlineMargin { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long before the deadline the handler is cancelled, leaving time to report the error.</summary>
    public TimeSpan DeadlineMargin { get; init; } = DefaultDeadlineMargin;

    /// <summary>Runs the loop; returns the process exit code (0 after a stop, 1 after an init failure or a lost runtime API).</summary>
    public async Task<int> RunAsync(Func<ILambdaHandler> initialise, CancellationToken stoppingToken)
    {
        ILambdaHandler handler;
        try
        {
            handler = initialise();
        }
        catch (Exception error)
        {
            LogInitFailed(error);
            await client.ReportInitErrorAsync(ErrorType(error), error.Message, CancellationToken.None).ConfigureAwait(false);
            return 1;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.NextAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException error)
            {
                LogRuntimeApiLost(error);
                return 1;
            }

            await InvokeAsync(handler, invocation, stoppingToken).ConfigureAwait(false);
        }

        return 0;
    }

    private async Task InvokeAsync(ILambdaHandler handler, LambdaInvocation invocation, CancellationToken stoppingToken)
    {
        TimeSpan budget = invocation.Deadline - time.GetUtcNow() - DeadlineMargin;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (budget > TimeSpan.Zero)
        {
            deadline.CancelAfter(budget);
        }
        else
        {
            // No time left: cancelled now, not by a timer that a busy thread pool could run after the handler finished.
            await deadline.CancelAsync().ConfigureAwait(false);
        }

        long started = time.GetTimestamp();

        // As the Runtime API asks of custom runtimes, so that the AWS SDK propagates the X-Ray trace.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        try
        {
            ReadOnlyMemory<byte> response = await handler.HandleAsync(invocation, deadline.Token).ConfigureAwait(false);
            await client.RespondAsync(invocation.RequestId, response, CancellationToken.None).ConfigureAwait(false);
            LogInvoked(invocation.RequestId, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            string message = stoppingToken.IsCancellationRequested
                ? "The runtime is shutting down; the invocation was stopped and the lake left as it was."
                : $"The invocation would pass its deadline {invocation.Deadline:O}; it was stopped {DeadlineMargin.TotalMilliseconds:0} ms before, and the lake left as it was. Raise the function's timeout or ingest smaller objects.";
            LogInvocationFailed(null, invocation.RequestId, "MacroLab.DeadlineExceeded", message);
            await client.ReportInvocationErrorAsync(invocation.RequestId, "MacroLab.DeadlineExceeded", message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            string type = ErrorType(error);
            LogInvocationFailed(error, invocation.RequestId, type, error.Message);
            await client.ReportInvocationErrorAsync(invocation.RequestId, type, error.Message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string ErrorType(Exception error) => error is LambdaFunctionException function ? function.ErrorType : error.GetType().Name;

    [LoggerMessage(1, LogLevel.Critical, "Initialisation failed")]
    private partial void LogInitFailed(Exception error);

    [LoggerMessage(2, LogLevel.Error, "The runtime API is unreachable; exiting")]
    private partial void LogRuntimeApiLost(Exception error);

    [LoggerMessage(3, LogLevel.Information, "Invocation {RequestId} answered in {ElapsedMs:0} ms")]
    private partial void LogInvoked(string requestId, double elapsedMs);

    [LoggerMessage(4, LogLevel.Error, "Invocation {RequestId} failed: {ErrorType}: {ErrorMessage}")]
    private partial void LogInvocationFailed(Exception? error, string requestId, string errorType, string errorMessage);
}
