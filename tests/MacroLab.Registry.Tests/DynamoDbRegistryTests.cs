using Amazon.DynamoDBv2;
using Amazon.S3;
using MacroLab.Data.Storage;

namespace MacroLab.Registry.Tests;

/// <summary>The contract on the cloud backend: a DynamoDB table and an S3 bucket, both on a real moto_server.</summary>
[Collection(MotoTests.Name)]
public sealed class DynamoDbRegistryTests(MotoServer moto) : RegistryContract
{
    private readonly List<IDisposable> _clients = [];
    private string _table = string.Empty;
    private string _bucket = string.Empty;

    protected override bool Available => MotoServer.Executable is not null;

    protected override void SkipIfUnavailable() => MotoServer.SkipIfUnavailable();

    protected override void SkipUnlessRequestsAreAtomic() =>
        Skip.If(!moto.Serialized && !MotoServer.Required, "python3 cannot import moto here, so moto_server runs requests concurrently without locks and its transactions are not atomic as DynamoDB's are.");

    protected override async Task<(IModelRegistry Registry, IObjectStore Artifacts)> CreateAsync()
    {
        AmazonDynamoDBClient dynamo = Track(moto.CreateDynamoDbClient());
        AmazonS3Client s3 = Track(moto.CreateS3Client());
        _table = $"registry-{Guid.NewGuid():N}";
        await DynamoDbRegistryTable.CreateIfMissingAsync(dynamo, _table);
        _bucket = await moto.CreateBucketAsync(s3);
        var store = new S3ObjectStore(s3, _bucket, "lake");
        return (ModelRegistry.OpenDynamoDb(dynamo, _table, store, Clock), store);
    }

    protected override IModelRegistry OpenAnother() =>
        ModelRegistry.OpenDynamoDb(Track(moto.CreateDynamoDbClient()), _table, new S3ObjectStore(Track(moto.CreateS3Client()), _bucket, "lake"), Clock);

    [SkippableFact]
    public async Task Creating_the_table_twice_is_harmless_and_the_location_names_it()
    {
        SkipIfUnavailable();
        AmazonDynamoDBClient dynamo = Track(moto.CreateDynamoDbClient());

        await DynamoDbRegistryTable.CreateIfMissingAsync(dynamo, _table);

        Assert.Equal($"dynamodb://{_table}", Registry.Location);
        await Registry.CreateModelAsync("m");
        Assert.Single(await OpenAnother().ListModelsAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (IDisposable client in _clients)
        {
            client.Dispose();
        }
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }
}
