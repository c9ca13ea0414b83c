using Amazon.S3;
using Amazon.S3.Model;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Storage;

/// <summary>The same contract on S3, against a real moto_server; objects over 6 MiB go through multipart uploads.</summary>
[Collection(MotoTests.Name)]
public sealed class S3ObjectStoreTests(MotoServer moto) : ObjectStoreContract, IDisposable
{
    private readonly AmazonS3Client _client = moto.Endpoint.Length == 0 ? null! : moto.CreateS3Client();
    private string _bucket = string.Empty;

    private static S3ObjectStoreOptions SmallParts => new() { MultipartThreshold = 6 * 1024 * 1024, PartSize = S3ObjectStoreOptions.MinimumPartSize };

    protected override void SkipIfUnavailable() => MotoServer.SkipIfUnavailable();

    // moto 5.2.1 checks If-None-Match and then stores, without a lock: unless the fixture serialises requests (as AWS
    // applies each atomically), a rare race lets two conditional PUTs succeed.
    protected override bool CreateNewIsLinearizable => moto.Serialized;

    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        _bucket = await moto.CreateBucketAsync(_client);
        return new S3ObjectStore(_client, _bucket, "lake/root", SmallParts);
    }

    /// <summary>Every key of the bucket, whatever the prefix, plus any multipart upload left open.</summary>
    protected override async Task<string[]> AllKeysAsync(IObjectStore store)
    {
        ListObjectsV2Response objects = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket });
        ListMultipartUploadsResponse uploads = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket });
        return [.. (objects.S3Objects ?? []).Select(o => o.Key["lake/root/".Length..]), .. (uploads.MultipartUploads ?? []).Select(u => $"upload:{u.Key}")];
    }

    [SkippableFact]
    public async Task A_multipart_upload_that_fails_midway_is_aborted_and_leaves_nothing()
    {
        SkipIfUnavailable();
        var store = (S3ObjectStore)await CreateStoreAsync();

        // 14 MiB with a failure after 11 MiB: two parts are uploaded before the source fails.
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("big", new FailingStream(Bytes(14 * 1024 * 1024, 5), failAfter: 11 * 1024 * 1024)));

        Assert.Empty(await AllKeysAsync(store));
    }

    [SkippableFact]
    public async Task Keys_live_under_the_prefix_and_the_location_says_where()
    {
        SkipIfUnavailable();
        IObjectStore store = await CreateStoreAsync();

        await store.PutAsync("x/y", new MemoryStream([1, 2, 3]));

        GetObjectMetadataResponse metadata = await _client.GetObjectMetadataAsync(_bucket, "lake/root/x/y");
        Assert.Equal(3, metadata.ContentLength);
        Assert.Equal($"s3://{_bucket}/lake/root/", store.Location);
    }

    public void Dispose() => _client?.Dispose();
}
