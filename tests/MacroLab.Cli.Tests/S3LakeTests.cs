using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;

namespace MacroLab.Cli.Tests;

/// <summary>The pipeline against an S3 lake and a DynamoDB registry, both on a real moto_server.</summary>
[Collection(MotoTests.Name)]
public sealed class S3LakeTests(MotoServer moto) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [SkippableFact]
    public async Task Run_writes_the_lake_to_s3_registers_in_dynamodb_and_skips_on_rerun()
    {
        MotoServer.SkipIfUnavailable();
        using var s3 = moto.CreateS3Client();
        using var dynamo = moto.CreateDynamoDbClient();
        string bucket = await moto.CreateBucketAsync(s3);
        string table = $"registry-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        string[] lake = ["--lake", $"s3://{bucket}/research/lake", "--s3-endpoint", moto.Endpoint];
        string[] registry = ["--registry", "dynamodb", "--registry-table", table, "--dynamodb-endpoint", moto.Endpoint, "--create-registry-table"];
        string[] args = ["run", "--config", Repository.ReducedPipeline, "--data", Path.Combine(Repository.Root, "samples", "data"), .. lake, .. registry, "--out", _folder.Path];

        (int code, string output, string error) = await Cli.RunAsync(args);

        Assert.True(code == 0, error + output);
        ListObjectsV2Response listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "research/lake/" });
        string[] keys = [.. listing.S3Objects.Select(o => o.Key)];
        Assert.Contains(keys, k => Regex.IsMatch(k, "^research/lake/gold/features/macro_monthly@[0-9a-f]{12}/_manifest.json$"));
        Assert.Contains("research/lake/gold/runs/e2e/report/_manifest.json", keys);
        Assert.Contains(keys, k => k.StartsWith("research/lake/registry/artifacts/e2e/000001/model.onnx", StringComparison.Ordinal));
        Assert.Contains("Decision: PROMOTED", output, StringComparison.Ordinal);
        Assert.Contains($"Registry: e2e:1 in dynamodb://{table}; champion -> v1", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "report.html")));
        QueryResponse items = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = "MODEL#e2e" } },
        });
        Assert.Contains(items.Items, i => i["SK"].S == "ALIAS#champion" && i["Version"].N == "1");

        (int again, string second, _) = await Cli.RunAsync(args);
        Assert.Equal(0, again);
        Assert.Contains("13 stages, 0 written, 13 unchanged", second, StringComparison.Ordinal);

        (int listed, string models, _) = await Cli.RunAsync(["registry", "list", .. lake, .. registry]);
        Assert.Equal(0, listed);
        Assert.Contains("champion -> v1", models, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_s3_lake_without_a_dynamodb_registry_is_a_usage_error_that_says_what_to_pass()
    {
        MotoServer.SkipIfUnavailable();

        (int code, _, string error) = await Cli.RunAsync("run", "--lake", "s3://some-bucket/lake", "--s3-endpoint", moto.Endpoint, "--config", Repository.ReducedPipeline);

        Assert.Equal(64, code);
        Assert.Contains("--registry dynamodb", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
