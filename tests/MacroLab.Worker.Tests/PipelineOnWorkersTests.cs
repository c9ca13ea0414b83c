using MacroLab.Cli;
using MacroLab.Data.Storage;

namespace MacroLab.Worker.Tests;

/// <summary><c>macrolab run --trial-queue</c>: the pipeline's grid trials run by worker processes, with the same results as in-process.</summary>
[Collection(TrialQueueGroup.Name)]
public sealed class PipelineOnWorkersTests(TrialQueueFixture fixture) : IDisposable
{
    private readonly TemporaryFolder _local = new();

    public void Dispose() => _local.Dispose();

    [SkippableFact]
    public async Task The_pipelines_backtest_on_two_workers_writes_the_same_results_as_in_process()
    {
        MotoServer.SkipIfUnavailable();
        (string queue, string deadLetters) = await fixture.CreateQueuesAsync(maxReceiveCount: 3, visibilitySeconds: 30);
        string lake = $"s3://{fixture.Bucket}/pipeline-{Guid.NewGuid():N}";
        Dictionary<string, string> settings = fixture.WorkerSettings(queue, 3);
        settings["MacroLab__Data__Lake"] = lake;
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        string data = Path.Combine(Repository.Root, "samples", "data");

        (int localExit, string localOutput) = await RunAsync("run", "--config", Repository.ReducedPipeline, "--data", data, "--until", "backtest", "--lake", _local.File("lake"));
        Assert.True(localExit == 0, localOutput);

        WorkerProcess[] workers = [WorkerProcess.Start("pipeline-a", settings), WorkerProcess.Start("pipeline-b", settings)];
        try
        {
            (int exit, string output) = await RunAsync("run", "--config", Repository.ReducedPipeline, "--data", data, "--until", "backtest",
                "--lake", lake, "--s3-endpoint", fixture.Moto.Endpoint, "--registry-file", _local.File("cloud-registry.sqlite"),
                "--trial-queue", queue, "--sqs-endpoint", fixture.Moto.Endpoint);
            Assert.True(exit == 0, output + string.Join('\n', workers.Select(w => w.Output)));

            var localLake = new Lake(new LocalObjectStore(_local.File("lake")));
            var cloudLake = new Lake(new S3ObjectStore(fixture.S3, fixture.Bucket, lake[(lake.IndexOf('/', 5) + 1)..]));
            DatasetManifest[] results = [.. await localLake.ListDatasetsAsync("gold/backtests/").Where(d => d.Dataset.EndsWith("/results", StringComparison.Ordinal)).ToArrayAsync()];
            Assert.NotEmpty(results);
            foreach (DatasetManifest expected in results)
            {
                string dataset = expected.Dataset;
                DatasetManifest actual = (await cloudLake.GetManifestAsync(dataset)) ?? throw new Xunit.Sdk.XunitException($"{dataset} is missing from the S3 lake");
                Assert.Equal(expected.ContentSha256, actual.ContentSha256);
            }

            int completed = workers.Sum(w => w.Events(7).Count);
            Assert.True(completed >= 2, $"the workers completed {completed} trials; the grid has two");
            Assert.Equal(0, await fixture.DepthAsync(deadLetters));
        }
        finally
        {
            foreach (WorkerProcess worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await MacroLabCli.RunAsync(args, output, error, CancellationToken.None);
        return (code, output + error.ToString());
    }
}
