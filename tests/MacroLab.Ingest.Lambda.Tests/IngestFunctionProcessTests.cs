using System.Diagnostics;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace MacroLab.Ingest.Lambda.Tests;

/// <summary>The built function as Lambda runs it: its own process, configured by environment, against the fake Runtime API and an S3 lake on moto.</summary>
[Collection(MotoTests.Name)]
public sealed class IngestFunctionProcessTests(MotoServer moto)
{
    [SkippableFact]
    public async Task An_s3_notification_for_a_raw_object_is_ingested_into_an_s3_lake()
    {
        MotoServer.SkipIfUnavailable();
        using AmazonS3Client s3 = moto.CreateS3Client();
        string raw = await moto.CreateBucketAsync(s3);
        string lake = await moto.CreateBucketAsync(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = raw, Key = "fredmd/fred_md/2019-10.csv", FilePath = Repository.Sample("fred_md", "2019-10.csv") });
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        using Process function = StartFunction(api.Address, $"s3://{lake}/research");

        string notification = $$$$"""{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"{{{{raw}}}}"},"object":{"key":"fredmd/fred_md/2019-10.csv","size":1}}}]}""";
        InvocationOutcome outcome = await api.OutcomeAsync(api.Enqueue(notification, TimeSpan.FromMinutes(2)));

        Assert.False(outcome.IsError, outcome.Body);
        using JsonDocument response = JsonDocument.Parse(outcome.Body);
        Assert.Equal($"s3://{raw}/fredmd/fred_md/2019-10.csv", response.RootElement.GetProperty("origin").GetString());
        JsonElement dataset = response.RootElement.GetProperty("datasets")[0];
        Assert.Equal("Written", dataset.GetProperty("status").GetString());
        ListObjectsV2Response objects = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = lake, Prefix = "research/" });
        Assert.Contains(objects.S3Objects, o => o.Key.StartsWith("research/bronze/", StringComparison.Ordinal));
        Assert.Contains(objects.S3Objects, o => o.Key.StartsWith($"research/{dataset.GetProperty("silver").GetString()}", StringComparison.Ordinal) && o.Key.EndsWith(".parquet", StringComparison.Ordinal));

        // The same through EventBridge (the bucket's "Object Created" events), under a prefix.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = raw, Key = "research/raw/fredmd/fred_md/2023-06.csv", FilePath = Repository.Sample("fred_md", "2023-06.csv") });
        string created = $$$$"""{"version":"0","source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"{{{{raw}}}}"},"object":{"key":"research/raw/fredmd/fred_md/2023-06.csv","size":1}}}""";
        InvocationOutcome bridged = await api.OutcomeAsync(api.Enqueue(created, TimeSpan.FromMinutes(2)));
        Assert.False(bridged.IsError, bridged.Body);
        using (JsonDocument second = JsonDocument.Parse(bridged.Body))
        {
            JsonElement vintage = second.RootElement.GetProperty("datasets")[0];
            Assert.Equal("Written", vintage.GetProperty("status").GetString());
            Assert.Equal("2023-06", vintage.GetProperty("vintage").GetString());
        }

        // A key that is not there: a typed error, the process goes on serving.
        string missing = notification.Replace("2019-10.csv", "2099-01.csv", StringComparison.Ordinal);
        InvocationOutcome absent = await api.OutcomeAsync(api.Enqueue(missing, TimeSpan.FromMinutes(1)));
        Assert.Equal("MacroLab.SourceNotFound", absent.ErrorTypeHeader);
        Assert.False(function.HasExited);
        function.Kill();
    }

    [SkippableFact]
    public async Task A_bad_lake_setting_is_an_init_error_and_the_process_exits_with_1()
    {
        MotoServer.SkipIfUnavailable();
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        using Process function = StartFunction(api.Address, "s3://");

        InvocationOutcome error = await api.InitErrorAsync();

        Assert.Contains("Lake", error.Body, StringComparison.Ordinal);
        Assert.True(function.WaitForExit(30_000));
        Assert.Equal(1, function.ExitCode);
    }

    [Fact]
    public void Outside_lambda_the_function_says_so_and_exits_with_2()
    {
        using Process function = StartFunction(runtimeApi: null, lake: "./lake");
        string error = function.StandardError.ReadToEnd();

        Assert.True(function.WaitForExit(30_000));
        Assert.Equal(2, function.ExitCode);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bootstrap_script_is_shipped_beside_the_function_and_runs_it()
    {
        string bootstrap = File.ReadAllText(Path.Combine(FunctionFolder, "bootstrap"));
        Assert.StartsWith("#!/bin/sh", bootstrap, StringComparison.Ordinal);
        Assert.Contains("exec \"${LAMBDA_TASK_ROOT", bootstrap, StringComparison.Ordinal);
        Assert.Contains("/MacroLab.Ingest.Lambda\"", bootstrap, StringComparison.Ordinal);
    }

    /// <summary>
    /// The function's own build output (same configuration as the tests). The copy beside the tests cannot run on its own:
    /// this assembly's ASP.NET Core framework reference keeps the Microsoft.Extensions assemblies the function ships out of it.
    /// </summary>
    private static string FunctionFolder
    {
        get
        {
            var tests = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            string folder = Path.Combine(Repository.Root, "hosts", "MacroLab.Ingest.Lambda", "bin", tests.Parent!.Name, tests.Name);
            return File.Exists(Path.Combine(folder, "MacroLab.Ingest.Lambda.dll"))
                ? folder
                : throw new FileNotFoundException($"The ingest function is not built at {folder}.");
        }
    }

    private Process StartFunction(string? runtimeApi, string lake)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(FunctionFolder, "MacroLab.Ingest.Lambda.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = FunctionFolder,
        };
        start.Environment.Remove("AWS_LAMBDA_RUNTIME_API");
        if (runtimeApi is not null)
        {
            start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["MacroLab__Data__Lake"] = lake;
        start.Environment["MacroLab__Data__S3ServiceUrl"] = moto.Endpoint.Length > 0 ? moto.Endpoint : "http://127.0.0.1:9";
        start.Environment["MacroLab__Data__S3ForcePathStyle"] = "true";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The function did not start.");
        if (runtimeApi is not null)
        {
            // Lambda ships stdout to CloudWatch; here it is drained so the process never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }
}
