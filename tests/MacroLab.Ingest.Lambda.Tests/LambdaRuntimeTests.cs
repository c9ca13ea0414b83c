using System.Text;
using System.Text.Json;
using MacroLab.Ingest.Lambda.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace MacroLab.Ingest.Lambda.Tests;

/// <summary>The runtime loop against the fake Runtime API: headers, responses, errors, deadlines and init errors.</summary>
public sealed class LambdaRuntimeTests
{
    [Fact]
    public async Task Invocations_are_answered_in_order_with_the_headers_of_the_runtime_api()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        var handler = new RecordingHandler(invocation => Encoding.UTF8.GetBytes($"{{\"echo\":{Encoding.UTF8.GetString(invocation.Payload.Span)}}}"));
        await using RuntimeRun run = RuntimeRun.Start(api, () => handler);

        string first = api.Enqueue("{\"n\":1}", TimeSpan.FromMinutes(1));
        string second = api.Enqueue("{\"n\":2}", TimeSpan.FromMinutes(1));
        InvocationOutcome one = await api.OutcomeAsync(first);
        InvocationOutcome two = await api.OutcomeAsync(second);

        Assert.False(one.IsError);
        Assert.Equal("{\"echo\":{\"n\":1}}", one.Body);
        Assert.Equal("{\"echo\":{\"n\":2}}", two.Body);
        LambdaInvocation seen = handler.Seen[0];
        Assert.Equal(first, seen.RequestId);
        Assert.Equal(FakeLambdaRuntimeApi.FunctionArn, seen.FunctionArn);
        Assert.StartsWith("Root=1-", seen.TraceId, StringComparison.Ordinal);
        Assert.InRange(seen.Deadline - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        Assert.Equal(seen.TraceId, handler.TraceVariable[0]);
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task A_handler_that_would_pass_its_deadline_is_cancelled_before_it_and_reported_as_deadline_exceeded()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        var handler = new RecordingHandler(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return Array.Empty<byte>();
        });
        // A wide margin keeps the test independent of timer latency on a loaded machine.
        await using RuntimeRun run = RuntimeRun.Start(api, () => handler, deadlineMargin: TimeSpan.FromSeconds(1.5));

        DateTimeOffset deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3);
        string slow = api.Enqueue("{}", TimeSpan.FromSeconds(3));
        InvocationOutcome outcome = await api.OutcomeAsync(slow);

        Assert.True(outcome.IsError);
        Assert.Equal("MacroLab.DeadlineExceeded", outcome.ErrorTypeHeader);
        Assert.True(outcome.PostedAt < deadline, $"the error came at {outcome.PostedAt:O}, after the deadline {deadline:O}");
        Assert.True(outcome.PostedAt > deadline - TimeSpan.FromSeconds(2.5), "the handler was cancelled long before its deadline minus the margin");
        using JsonDocument body = JsonDocument.Parse(outcome.Body);
        Assert.Equal("MacroLab.DeadlineExceeded", body.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("deadline", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);

        // The loop goes on to the next invocation.
        handler.Respond = (_, _) => Task.FromResult<byte[]>("{\"ok\":true}"u8.ToArray());
        string next = api.Enqueue("{}", TimeSpan.FromMinutes(1));
        Assert.False((await api.OutcomeAsync(next)).IsError);
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task Handler_failures_are_posted_as_invocation_errors_with_their_type_and_the_loop_goes_on()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        int calls = 0;
        var handler = new RecordingHandler(_ => ++calls switch
        {
            1 => throw new LambdaFunctionException("MacroLab.InvalidEvent", "Invalid ingest event: $.format is required."),
            2 => throw new InvalidOperationException("boom"),
            _ => "{}"u8.ToArray(),
        });
        await using RuntimeRun run = RuntimeRun.Start(api, () => handler);

        InvocationOutcome typed = await api.OutcomeAsync(api.Enqueue("{}", TimeSpan.FromMinutes(1)));
        InvocationOutcome untyped = await api.OutcomeAsync(api.Enqueue("{}", TimeSpan.FromMinutes(1)));
        InvocationOutcome fine = await api.OutcomeAsync(api.Enqueue("{}", TimeSpan.FromMinutes(1)));

        Assert.Equal("MacroLab.InvalidEvent", typed.ErrorTypeHeader);
        using (JsonDocument body = JsonDocument.Parse(typed.Body))
        {
            Assert.Equal("Invalid ingest event: $.format is required.", body.RootElement.GetProperty("errorMessage").GetString());
            Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("stackTrace").ValueKind);
        }

        Assert.Equal("InvalidOperationException", untyped.ErrorTypeHeader);
        Assert.False(fine.IsError);
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task A_failed_initialisation_is_posted_as_an_init_error_and_the_process_exits_with_1()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using RuntimeRun run = RuntimeRun.Start(api, () => throw new LambdaFunctionException("MacroLab.InvalidSettings", "MacroLab:Data:Lake is not set."));

        InvocationOutcome error = await api.InitErrorAsync();

        Assert.Equal("MacroLab.InvalidSettings", error.ErrorTypeHeader);
        Assert.Contains("MacroLab:Data:Lake", error.Body, StringComparison.Ordinal);
        Assert.Equal(1, await run.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, api.Served);
    }

    [Fact]
    public async Task The_loop_exits_with_1_when_the_runtime_api_goes_away()
    {
        FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        string address = api.Address;
        await api.DisposeAsync();
        using var http = new HttpClient();
        var runtime = new LambdaRuntime(new LambdaRuntimeClient(http, address), TimeProvider.System, NullLogger.Instance);

        int exit = await runtime.RunAsync(() => new RecordingHandler(_ => []), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
    }

    /// <summary>A handler that records what it was given and answers with a replaceable function.</summary>
    private sealed class RecordingHandler(Func<LambdaInvocation, CancellationToken, Task<byte[]>> respond) : ILambdaHandler
    {
        public RecordingHandler(Func<LambdaInvocation, byte[]> respond)
            : this((invocation, _) => Task.FromResult(respond(invocation)))
        {
        }

        public Func<LambdaInvocation, CancellationToken, Task<byte[]>> Respond { get; set; } = respond;

        public List<LambdaInvocation> Seen { get; } = [];

        public List<string?> TraceVariable { get; } = [];

        public async Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
        {
            Seen.Add(invocation);
            TraceVariable.Add(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
            return await Respond(invocation, cancellationToken);
        }
    }
}
