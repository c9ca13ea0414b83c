using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MacroLab.Ingest.Lambda.Tests;

/// <summary>What the function posted for one invocation: its response, or its error with the error-type header.</summary>
/// <param name="RequestId">The invocation.</param>
/// <param name="IsError">Whether it was posted to <c>/error</c>.</param>
/// <param name="Body">The posted body.</param>
/// <param name="ErrorTypeHeader">The <c>Lambda-Runtime-Function-Error-Type</c> header, or null.</param>
/// <param name="PostedAt">When the fake received it.</param>
internal sealed record InvocationOutcome(string RequestId, bool IsError, string Body, string? ErrorTypeHeader, DateTimeOffset PostedAt);

/// <summary>
/// A loopback stand-in for the Lambda Runtime API (2018-06-01) on Kestrel: hands out queued events on
/// <c>GET /runtime/invocation/next</c> with the real headers (request id, deadline, function ARN, trace id), records
/// responses, invocation errors and init errors, and answers unknown request ids with 400 as Lambda does.
/// </summary>
internal sealed class FakeLambdaRuntimeApi : IAsyncDisposable
{
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:macrolab-ingest";

    private readonly WebApplication _app;
    private readonly Channel<(string RequestId, DateTimeOffset Deadline, string Payload)> _events = Channel.CreateUnbounded<(string, DateTimeOffset, string)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationOutcome>> _outcomes = new();
    private readonly TaskCompletionSource<InvocationOutcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _served;

    private FakeLambdaRuntimeApi(WebApplication app) => _app = app;

    /// <summary>host:port, as <c>AWS_LAMBDA_RUNTIME_API</c> holds it.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>How many invocations the function has fetched.</summary>
    public int Served => Volatile.Read(ref _served);

    public static async Task<FakeLambdaRuntimeApi> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var fake = new FakeLambdaRuntimeApi(app);
        app.MapGet("/2018-06-01/runtime/invocation/next", fake.NextAsync);
        app.MapPost("/2018-06-01/runtime/invocation/{requestId}/response", (string requestId, HttpRequest request) => fake.RecordAsync(requestId, isError: false, request));
        app.MapPost("/2018-06-01/runtime/invocation/{requestId}/error", (string requestId, HttpRequest request) => fake.RecordAsync(requestId, isError: true, request));
        app.MapPost("/2018-06-01/runtime/init/error", fake.RecordInitErrorAsync);
        await app.StartAsync();
        fake.Address = new Uri(app.Urls.Single()).Authority;
        return fake;
    }

    /// <summary>Queues an event; the function has until <paramref name="timeout"/> from now.</summary>
    public string Enqueue(string payload, TimeSpan timeout)
    {
        string requestId = Guid.NewGuid().ToString();
        _outcomes[requestId] = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _events.Writer.TryWrite((requestId, DateTimeOffset.UtcNow + timeout, payload));
        return requestId;
    }

    /// <summary>What the function posted for <paramref name="requestId"/>; fails after 60 s.</summary>
    public Task<InvocationOutcome> OutcomeAsync(string requestId) => _outcomes[requestId].Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>The init error the function posted; fails after 60 s.</summary>
    public Task<InvocationOutcome> InitErrorAsync() => _initError.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public bool HasInitError => _initError.Task.IsCompleted;

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext context)
    {
        (string requestId, DateTimeOffset deadline, string payload) = await _events.Reader.ReadAsync(context.RequestAborted);
        Interlocked.Increment(ref _served);
        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
        context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
        context.Response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{requestId[..8]}-{requestId[9..13]}{requestId[14..18]}{requestId[19..23]}{requestId[24..28]};Parent={requestId[28..]};Sampled=0";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(payload, context.RequestAborted);
    }

    private async Task<IResult> RecordAsync(string requestId, bool isError, HttpRequest request)
    {
        if (!_outcomes.TryGetValue(requestId, out TaskCompletionSource<InvocationOutcome>? outcome))
        {
            return Results.BadRequest(new { errorMessage = $"unknown request id {requestId}", errorType = "InvalidRequestID" });
        }

        InvocationOutcome recorded = await ReadAsync(requestId, isError, request);
        return outcome.TrySetResult(recorded)
            ? Results.Accepted()
            : Results.BadRequest(new { errorMessage = $"request {requestId} was already answered", errorType = "InvalidStateTransition" });
    }

    private async Task<IResult> RecordInitErrorAsync(HttpRequest request)
    {
        _initError.TrySetResult(await ReadAsync("init", isError: true, request));
        return Results.Accepted();
    }

    private static async Task<InvocationOutcome> ReadAsync(string requestId, bool isError, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        string body = await reader.ReadToEndAsync();
        string? errorType = request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var values) ? values.ToString() : null;
        return new InvocationOutcome(requestId, isError, body, errorType, DateTimeOffset.UtcNow);
    }
}
