using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using MacroLab.Backtest;
using MacroLab.Data;
using MacroLab.Data.Storage;

namespace MacroLab.Worker.Tests;

/// <summary>moto (S3 + SQS) on loopback, a bucket for the distributed trials, and the bundled real data's Gold backtest dataset.</summary>
public sealed class TrialQueueFixture : IAsyncLifetime, IDisposable
{
    private readonly GoldLake _gold = new();
    private int _queues;

    public MotoServer Moto { get; } = new();

    public AmazonS3Client S3 { get; private set; } = null!;

    public AmazonSQSClient Sqs { get; private set; } = null!;

    public string Bucket { get; private set; } = string.Empty;

    public IObjectStore Store { get; private set; } = null!;

    public BacktestDataset Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Moto.InitializeAsync();
        await _gold.InitializeAsync();
        Data = BacktestDataset.FromGold(await GoldDataset.LoadAsync(_gold.Lake, new GoldDatasetRequest()));
        if (MotoServer.Executable is null)
        {
            return;
        }

        S3 = Moto.CreateS3Client();
        Sqs = new AmazonSQSClient(new BasicAWSCredentials("testing", "testing"), new AmazonSQSConfig { ServiceURL = Moto.Endpoint, AuthenticationRegion = "us-east-1" });
        Bucket = await Moto.CreateBucketAsync(S3);
        Store = new S3ObjectStore(S3, Bucket);
    }

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        Sqs?.Dispose();
        await Moto.DisposeAsync();
    }

    public void Dispose() => _gold.Dispose();

    /// <summary>A fresh trial queue whose redrive policy moves a message to its dead-letter queue after <paramref name="maxReceiveCount"/> receives.</summary>
    public async Task<(string Queue, string DeadLetters)> CreateQueuesAsync(int maxReceiveCount, int visibilitySeconds)
    {
        int n = Interlocked.Increment(ref _queues);
        string dlq = (await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = $"trials-{n}-dlq" })).QueueUrl;
        string dlqArn = (await Sqs.GetQueueAttributesAsync(dlq, ["QueueArn"])).QueueARN;
        string queue = (await Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = $"trials-{n}",
            Attributes = new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = visibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
            },
        })).QueueUrl;
        return (queue, dlq);
    }

    /// <summary>The settings of a worker process on <paramref name="queue"/>, with fast test timings.</summary>
    public Dictionary<string, string> WorkerSettings(string queue, int maxReceiveCount, int visibilitySeconds = 30, int drainSeconds = 25) => new()
    {
        ["MacroLab__Worker__QueueUrl"] = queue,
        ["MacroLab__Worker__MaxReceiveCount"] = maxReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MacroLab__Worker__VisibilityTimeout"] = TimeSpan.FromSeconds(visibilitySeconds).ToString(),
        ["MacroLab__Worker__ReceiveWaitTime"] = "00:00:00",
        ["MacroLab__Worker__IdleDelay"] = "00:00:00.100",
        ["MacroLab__Worker__RetryDelay"] = "00:00:01",
        ["MacroLab__Worker__DrainTimeout"] = TimeSpan.FromSeconds(drainSeconds).ToString(),
        ["MacroLab__Data__Lake"] = $"s3://{Bucket}",
        ["MacroLab__Data__S3ServiceUrl"] = Moto.Endpoint,
        ["MacroLab__Data__S3ForcePathStyle"] = "true",
        ["MacroLab__Sqs__ServiceUrl"] = Moto.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = "us-east-1",
    };

    /// <summary>Visible plus in-flight messages of a queue.</summary>
    public async Task<int> DepthAsync(string queue)
    {
        GetQueueAttributesResponse attributes = await Sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }
}

[CollectionDefinition(Name)]
public sealed class TrialQueueGroup : ICollectionFixture<TrialQueueFixture>
{
    public const string Name = "trial queue";
}
