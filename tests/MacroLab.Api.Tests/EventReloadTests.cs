using Amazon.Runtime;
using Amazon.SQS;
using MacroLab.Api.Serving;
using MacroLab.Data.Storage;
using MacroLab.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Api.Tests;

/// <summary>The API switches on a promotion event long before its next poll: from the local lake's event log, or from an SQS queue on moto.</summary>
[Collection(MotoTests.Name)]
public sealed class EventReloadTests(MotoServer moto)
{
    private static readonly Dictionary<string, string?> NoPolling = new() { ["MacroLab:Serving:PollInterval"] = "01:00:00" };

    [Fact]
    public async Task A_promotion_recorded_in_the_local_event_log_switches_the_served_version_without_waiting_for_the_poll()
    {
        await using var lake = new ServingLake();
        int v1 = await RegisterAsync(lake, 1), v2 = await RegisterAsync(lake, 2);
        await lake.PointAsync("champion", v1);
        await using ApiServer server = await lake.StartAsync(NoPolling);
        await server.WaitReadyAsync(v1);

        await lake.PointAsync("champion", v2);
        await Task.Delay(500);
        Assert.Equal(v1, Served(server));

        // Another model's event changes nothing; the served model's does, at once.
        await RecordAsync(lake, "events/promotion/other-model/other-model-champion-r1.json");
        await Task.Delay(300);
        Assert.Equal(v1, Served(server));
        await RecordAsync(lake, "events/promotion/macro-tilt/macro-tilt-champion-r2.json");
        await server.WaitReadyAsync(v2, TimeSpan.FromSeconds(10));
    }

    [SkippableFact]
    public async Task A_promotion_event_on_the_SQS_queue_switches_the_served_version_and_is_consumed()
    {
        MotoServer.SkipIfUnavailable();
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("testing", "testing"), new AmazonSQSConfig { ServiceURL = moto.Endpoint, AuthenticationRegion = "us-east-1" });
        string queue = (await sqs.CreateQueueAsync($"api-events-{Guid.NewGuid():N}")).QueueUrl;
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "testing");

        await using var lake = new ServingLake();
        int v1 = await RegisterAsync(lake, 1), v2 = await RegisterAsync(lake, 2);
        await lake.PointAsync("champion", v1);
        await using ApiServer server = await lake.StartAsync(new Dictionary<string, string?>(NoPolling)
        {
            ["MacroLab:Serving:EventQueueUrl"] = queue,
            ["MacroLab:Serving:EventQueueEndpoint"] = moto.Endpoint,
            ["MacroLab:Serving:EventQueueWait"] = "00:00:01",
        });
        await server.WaitReadyAsync(v1);

        await lake.PointAsync("champion", v2);
        // What the stack's rule delivers: the lake bucket's "Object Created" event for the log's new object.
        await sqs.SendMessageAsync(queue, """
            {"version":"0","detail-type":"Object Created","source":"aws.s3","detail":{"bucket":{"name":"lake"},"object":{"key":"lab/events/promotion/macro-tilt/macro-tilt-champion-r2.json"}}}
            """);
        await server.WaitReadyAsync(v2, TimeSpan.FromSeconds(15));

        await Task.Delay(300);
        Amazon.SQS.Model.GetQueueAttributesResponse attributes = await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal(0, attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible);
    }

    [Theory]
    [InlineData("events/promotion/macro-tilt/x.json", true)]
    [InlineData("prefix/events/rollback/macro-tilt/x.json", true)]
    [InlineData("events/drift/macro-tilt/x.json", false)]
    [InlineData("events/promotion/macro-tilt-2/x.json", false)]
    [InlineData("gold/decisions/macro-tilt/champion/x.json", false)]
    public void Only_promotions_and_rollbacks_of_the_served_model_reload(string key, bool reloads) =>
        Assert.Equal(reloads, ModelEvents.Concerns(key, "macro-tilt"));

    [Theory]
    [InlineData("""{"detail":{"object":{"key":"events/promotion/m/1.json"}}}""", "events/promotion/m/1.json")]
    [InlineData("""{"key":"events/rollback/m/2.json"}""", "events/rollback/m/2.json")]
    [InlineData("not json", null)]
    [InlineData("""{"detail":{"object":{"key":7}}}""", null)]
    [InlineData("[1,2]", null)]
    public void The_key_is_read_from_an_S3_event_or_a_bare_record_and_anything_else_is_ignored(string body, string? key) =>
        Assert.Equal(key, ModelEvents.KeyOf(body));

    private static int? Served(ApiServer server) => server.Services.GetRequiredService<ModelRouter>().Primary?.Version;

    private static async Task<int> RegisterAsync(ServingLake lake, int seed)
    {
        (byte[] onnx, ModelCard card) = TestModels.Train(seed);
        return await lake.RegisterAsync(onnx, card);
    }

    private static async Task RecordAsync(ServingLake lake, string key)
    {
        using var content = new MemoryStream("{}"u8.ToArray());
        await new LocalObjectStore(lake.LakePath).PutAsync(key, content, ObjectWriteMode.CreateNew);
    }
}
