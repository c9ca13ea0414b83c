using Amazon.S3.Model;

namespace MacroLab.Cli.Tests;

/// <summary>The main job against an S3 lake on a real moto_server.</summary>
[Collection(MotoTests.Name)]
public sealed class S3LakeTests(MotoServer moto)
{
    [SkippableFact]
    public async Task Run_writes_the_lake_to_s3_and_skips_on_rerun()
    {
        MotoServer.SkipIfUnavailable();
        using var client = moto.CreateS3Client();
        string bucket = await moto.CreateBucketAsync(client);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        string[] args = ["run", "--lake", $"s3://{bucket}/research/lake", "--s3-endpoint", moto.Endpoint, "--data", Path.Combine(Repository.Root, "samples", "data")];

        (int code, string output, string error) = await Cli.RunAsync(args);

        Assert.True(code == 0, error);
        ListObjectsV2Response listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "research/lake/gold/" });
        Assert.Contains(listing.S3Objects, o => o.Key == "research/lake/gold/features/macro_monthly/_manifest.json");
        Assert.Contains("Gold (written)", output, StringComparison.Ordinal);

        (int again, string second, _) = await Cli.RunAsync(args);
        Assert.Equal(0, again);
        Assert.Contains("Gold (unchanged)", second, StringComparison.Ordinal);
    }
}
