using System.Text.Json;
using Amazon.SQS.Model;
using MacroLab.Backtest;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;
using MacroLab.Data.Storage;
using MacroLab.Trials;

namespace MacroLab.Worker.Tests;

/// <summary>Grids run by real worker processes through SQS and S3 on moto, compared with the in-process executor.</summary>
[Collection(TrialQueueGroup.Name)]
public sealed class DistributedGridTests(TrialQueueFixture fixture)
{
    // The worker's LoggerMessage event ids.
    private const int Poison = 4, Duplicate = 5, Started = 6, Completed = 7, Abandoned = 8, Failed = 9, Stopped = 2;

    private static readonly BacktestOptions Ridge = new() { PeriodsPerYear = 12, WalkForward = new WalkForwardOptions { TrainPeriods = 120, TestPeriods = 12 } };

    // Few folds and epochs: a trial lasts long enough (seconds) to be interrupted, short enough for CI.
    private static readonly BacktestOptions Network = new() { PeriodsPerYear = 12, WalkForward = new WalkForwardOptions { TrainPeriods = 240, TestPeriods = 120 } };

    private static readonly ParameterGrid TwentyRidgeTrials = new(
    [
        new("lambda", ["0.1", "1", "10", "100", "1000"]),
        new("horizon", ["1", "3"]),
        new("tiltScale", ["0.25", "0.5"]),
    ]);

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static ParameterGrid NetworkTrials(params string[] seeds) =>
        new([new("hidden", ["32-32"]), new("epochs", ["40"]), new("seed", seeds)]);

    [SkippableFact]
    public async Task A_twenty_trial_grid_on_three_workers_stores_every_result_once_identical_to_the_in_process_executor()
    {
        MotoServer.SkipIfUnavailable();
        (string queue, string deadLetters) = await fixture.CreateQueuesAsync(maxReceiveCount: 3, visibilitySeconds: 30);
        WorkerProcess[] workers = [.. Enumerable.Range(1, 3).Select(i => WorkerProcess.Start($"grid-{i}", fixture.WorkerSettings(queue, 3)))];
        try
        {
            var executor = Executor(queue, "work/grid20");
            GridSearchResult distributed = await new GridSearch(Ridge, executor: executor).RunAsync(fixture.Data, "ridge", TwentyRidgeTrials);
            GridSearchResult local = await new GridSearch(Ridge, executor: new InProcessTrialExecutor(2)).RunAsync(fixture.Data, "ridge", TwentyRidgeTrials);

            Assert.Equal(20, distributed.Trials.Count);
            Assert.Equal(JsonSerializer.Serialize(local.Trials, Json), JsonSerializer.Serialize(distributed.Trials, Json));
            Assert.Equal(local.Selected!.Trial.Index, distributed.Selected!.Trial.Index);
            Assert.Equal(local.SelectedResult!.Metrics.Dsr, distributed.SelectedResult!.Metrics.Dsr);

            // Exactly once: one result object per trial, each written by one worker, and every message deleted.
            string[] keys = await KeysAsync($"work/grid20/{distributed.Experiment}/");
            Assert.Equal(20, keys.Count(k => k.EndsWith(".json", StringComparison.Ordinal) && !k.Contains("/failures/", StringComparison.Ordinal)));
            Assert.Single(keys, k => k.EndsWith("/workload.bin", StringComparison.Ordinal));
            JsonElement[] completed = [.. workers.SelectMany(w => w.Events(Completed))];
            Assert.Equal(20, completed.Count(e => e.GetProperty("State").GetProperty("Stored").GetBoolean()));
            Assert.Equal(20, completed.Select(e => e.GetProperty("State").GetProperty("TrialId").GetString()).Distinct().Count());
            await EventuallyAsync(async () => await fixture.DepthAsync(queue) == 0, "the trial queue is drained");
            Assert.Equal(0, await fixture.DepthAsync(deadLetters));

            // A re-run of the same experiment reuses every stored result and sends nothing.
            var reused = new List<TrialProgress>();
            GridSearchResult again = await new GridSearch(Ridge, executor: executor).RunAsync(fixture.Data, "ridge", TwentyRidgeTrials, new SynchronousProgress<TrialProgress>(reused.Add));
            Assert.Equal(JsonSerializer.Serialize(local.Trials, Json), JsonSerializer.Serialize(again.Trials, Json));
            Assert.Equal(20, reused.Count(p => p.Reused));
            Assert.Equal(0, await fixture.DepthAsync(queue));
        }
        finally
        {
            foreach (WorkerProcess worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task A_worker_killed_mid_trial_loses_nothing_and_another_worker_finishes_its_trial()
    {
        MotoServer.SkipIfUnavailable();
        (string queue, _) = await fixture.CreateQueuesAsync(maxReceiveCount: 5, visibilitySeconds: 3);
        ParameterGrid grid = NetworkTrials("1", "2");
        using WorkerProcess victim = WorkerProcess.Start("victim", fixture.WorkerSettings(queue, 5, visibilitySeconds: 3));
        Task<GridSearchResult> run = new GridSearch(Network, executor: Executor(queue, "work/kill"), catalog: Catalog).RunAsync(fixture.Data, "tilt-mlp", grid);

        JsonElement started = await victim.WaitForEventAsync(Started, TimeSpan.FromSeconds(60));
        victim.Kill();
        string killedTrial = started.GetProperty("State").GetProperty("TrialId").GetString()!;
        Assert.Empty(victim.Events(Completed)); // it really died mid-trial

        using WorkerProcess rescuer = WorkerProcess.Start("rescuer", fixture.WorkerSettings(queue, 5, visibilitySeconds: 3));
        GridSearchResult distributed = await run.WaitAsync(TimeSpan.FromMinutes(4));
        GridSearchResult local = await new GridSearch(Network, executor: new InProcessTrialExecutor(1), catalog: Catalog).RunAsync(fixture.Data, "tilt-mlp", grid);

        Assert.Equal(JsonSerializer.Serialize(local.Trials, Json), JsonSerializer.Serialize(distributed.Trials, Json));
        JsonElement redelivered = Assert.Single(rescuer.Events(Started), e => e.GetProperty("State").GetProperty("TrialId").GetString() == killedTrial);
        Assert.True(redelivered.GetProperty("State").GetProperty("Receives").GetInt32() >= 2, "the rescued trial's message must be a redelivery");
        Assert.Equal(2, rescuer.Events(Completed).Count(e => e.GetProperty("State").GetProperty("Stored").GetBoolean()));
        await EventuallyAsync(async () => await fixture.DepthAsync(queue) == 0, "the trial queue is drained");
    }

    [SkippableFact]
    public async Task Poison_messages_end_in_the_dead_letter_queue_and_the_executor_reports_the_failed_trial()
    {
        MotoServer.SkipIfUnavailable();
        (string queue, string deadLetters) = await fixture.CreateQueuesAsync(maxReceiveCount: 2, visibilitySeconds: 30);
        using WorkerProcess worker = WorkerProcess.Start("poison", fixture.WorkerSettings(queue, 2));
        await fixture.Sqs.SendMessageAsync(new SendMessageRequest(queue, "{ not json"));

        // The publisher knows a strategy the workers do not: every delivery fails.
        StrategyCatalog publisher = StrategyCatalog.BuiltIn.With("local-only", p => StrategyCatalog.BuiltIn.Create("momentum", new Dictionary<string, string> { ["lookback"] = p.Text("lookback") ?? "12" }));
        var executor = Executor(queue, "work/poison");
        TrialFailedException failure = await Assert.ThrowsAsync<TrialFailedException>(() =>
            new GridSearch(Ridge, executor: executor, catalog: publisher).RunAsync(fixture.Data, "local-only", new ParameterGrid([new("lookback", ["6"])])).WaitAsync(TimeSpan.FromSeconds(90)));

        Assert.Contains("local-only", failure.Message, StringComparison.Ordinal);
        Assert.Contains("dead-letter queue", failure.Message, StringComparison.Ordinal);
        Assert.Contains("delivery 2", failure.Message, StringComparison.Ordinal);
        await EventuallyAsync(async () => await fixture.DepthAsync(deadLetters) == 2, "both poison messages reach the dead-letter queue", TimeSpan.FromSeconds(60));
        Assert.Equal(0, await fixture.DepthAsync(queue));
        Assert.NotEmpty(worker.Events(Poison));
        Assert.Equal(2, worker.Events(Failed).Count);
        Assert.Empty(worker.Events(Completed));
    }

    [SkippableFact]
    public async Task Sigterm_drains_the_trial_in_progress_then_deletes_its_message_and_exits_cleanly()
    {
        MotoServer.SkipIfUnavailable();
        (string queue, _) = await fixture.CreateQueuesAsync(maxReceiveCount: 3, visibilitySeconds: 3);
        using WorkerProcess worker = WorkerProcess.Start("drain", fixture.WorkerSettings(queue, 3, visibilitySeconds: 3, drainSeconds: 120));
        Task<GridSearchResult> run = new GridSearch(Network, executor: Executor(queue, "work/drain"), catalog: Catalog).RunAsync(fixture.Data, "tilt-mlp", NetworkTrials("3"));

        await worker.WaitForEventAsync(Started, TimeSpan.FromSeconds(60));
        worker.Terminate();

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromMinutes(2)), $"the worker did not exit after SIGTERM:\n{worker.Output}");
        Assert.Equal(0, worker.ExitCode);
        Assert.Single(worker.Events(Completed));
        Assert.Single(worker.Events(Stopped));
        Assert.Empty(worker.Events(Abandoned));
        GridSearchResult result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(result.Trials);
        Assert.Equal(0, await fixture.DepthAsync(queue));
    }

    [SkippableFact]
    public async Task A_trial_still_running_when_the_drain_time_is_up_is_released_at_once_for_another_worker()
    {
        MotoServer.SkipIfUnavailable();
        (string queue, _) = await fixture.CreateQueuesAsync(maxReceiveCount: 3, visibilitySeconds: 60);
        using WorkerProcess worker = WorkerProcess.Start("impatient", fixture.WorkerSettings(queue, 3, visibilitySeconds: 60, drainSeconds: 0));
        using var cancel = new CancellationTokenSource();
        Task<GridSearchResult> run = new GridSearch(Network, executor: Executor(queue, "work/abandon"), catalog: Catalog).RunAsync(fixture.Data, "tilt-mlp", NetworkTrials("4"), cancellationToken: cancel.Token);

        await worker.WaitForEventAsync(Started, TimeSpan.FromSeconds(60));
        worker.Terminate();
        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the worker did not exit after SIGTERM:\n{worker.Output}");

        Assert.Equal(0, worker.ExitCode);
        Assert.Single(worker.Events(Abandoned));
        Assert.Empty(worker.Events(Completed));
        // Visible again well before its 60 s visibility timeout would have expired.
        GetQueueAttributesResponse attributes = await fixture.Sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages"]);
        Assert.Equal(1, attributes.ApproximateNumberOfMessages);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [SkippableFact]
    public async Task A_redelivered_message_of_a_stored_trial_is_deleted_without_running_it_again()
    {
        MotoServer.SkipIfUnavailable();
        (string queue, _) = await fixture.CreateQueuesAsync(maxReceiveCount: 3, visibilitySeconds: 30);
        using WorkerProcess worker = WorkerProcess.Start("dedupe", fixture.WorkerSettings(queue, 3));
        var grid = new ParameterGrid([new("lambda", ["3"])]);
        GridSearchResult first = await new GridSearch(Ridge, executor: Executor(queue, "work/dedupe")).RunAsync(fixture.Data, "ridge", grid);
        string key = $"work/dedupe/{first.Experiment}/{first.Trials[0].Trial.Id}.json";
        ObjectInfo before = (await fixture.Store.GetInfoAsync(key))!;

        // The same message again, as SQS may deliver it twice.
        string body = """{"format":1,"prefix":"work/dedupe","experiment":"EXPERIMENT","trial":{"index":0,"strategy":"ridge","parameters":{"lambda":"3"}}}""".Replace("EXPERIMENT", first.Experiment, StringComparison.Ordinal);
        await fixture.Sqs.SendMessageAsync(new SendMessageRequest(queue, body));

        await worker.WaitForEventAsync(Duplicate, TimeSpan.FromSeconds(30));
        await EventuallyAsync(async () => await fixture.DepthAsync(queue) == 0, "the duplicate is deleted");
        Assert.Single(worker.Events(Completed));
        ObjectInfo after = (await fixture.Store.GetInfoAsync(key))!;
        Assert.Equal(before.Size, after.Size);
        Assert.Equal(before.LastModified, after.LastModified);
    }

    [Fact]
    public async Task The_executor_refuses_a_runner_that_cannot_travel()
    {
        using var sqs = new Amazon.SQS.AmazonSQSClient(new Amazon.Runtime.BasicAWSCredentials("x", "y"), new Amazon.SQS.AmazonSQSConfig { ServiceURL = "http://127.0.0.1:9" });
        using var folder = new TemporaryFolder();
        var executor = new SqsTrialExecutor(sqs, new LocalObjectStore(folder.Path), new SqsTrialExecutorOptions { QueueUrl = "http://127.0.0.1:9/q" });
        TrialSpec trial = new() { Index = 0, Strategy = "ridge", Parameters = new Dictionary<string, string>() };

        NotSupportedException error = await Assert.ThrowsAsync<NotSupportedException>(() => executor.ExecuteAsync([trial], new LocalRunner(), null, CancellationToken.None));
        Assert.Contains("IPortableTrialRunner", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SqsTrialExecutor(sqs, new LocalObjectStore(folder.Path), new SqsTrialExecutorOptions { QueueUrl = "q", Prefix = "../up" }));
        Assert.Throws<ArgumentException>(() => new SqsTrialExecutor(sqs, new LocalObjectStore(folder.Path), new SqsTrialExecutorOptions { QueueUrl = "q", PollInterval = TimeSpan.Zero }));
    }

    [Theory]
    [InlineData("", "QueueUrl")]
    [InlineData("q:vis=1", "VisibilityTimeout")]
    [InlineData("q:wait=21", "ReceiveWaitTime")]
    [InlineData("q:receives=0", "MaxReceiveCount")]
    public void Worker_settings_out_of_range_are_named(string spec, string field)
    {
        string[] parts = spec.Split(':');
        var options = new TrialWorkerOptions { QueueUrl = parts[0] };
        foreach (string setting in parts.Skip(1))
        {
            (string name, int value) = (setting.Split('=')[0], int.Parse(setting.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            _ = name switch
            {
                "vis" => options.VisibilityTimeout = TimeSpan.FromSeconds(value),
                "wait" => options.ReceiveWaitTime = TimeSpan.FromSeconds(value),
                _ => TimeSpan.FromTicks(options.MaxReceiveCount = value),
            };
        }

        Assert.Contains(field, Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    private static StrategyCatalog Catalog { get; } = MacroLab.Models.Strategies.TiltModelStrategies.WithTiltModels(StrategyCatalog.BuiltIn);

    private SqsTrialExecutor Executor(string queue, string prefix) =>
        new(fixture.Sqs, fixture.Store, new SqsTrialExecutorOptions { QueueUrl = queue, Prefix = prefix, PollInterval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromMinutes(4) });

    private async Task<string[]> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (ObjectInfo info in fixture.Store.ListAsync(prefix))
        {
            keys.Add(info.Key);
        }

        return [.. keys];
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting until {what}.");
    }

    private sealed class LocalRunner : ITrialRunner
    {
        public Task<TrialOutcome> RunAsync(TrialSpec trial, CancellationToken cancellationToken) => throw new InvalidOperationException("not reached");
    }
}
