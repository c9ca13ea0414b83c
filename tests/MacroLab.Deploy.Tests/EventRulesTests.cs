using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Events;
using YamlDotNet.RepresentationModel;

namespace MacroLab.Deploy.Tests;

/// <summary>
/// The event log as the outbox, end to end on moto: events written to an S3 lake whose bucket sends new objects to
/// EventBridge reach exactly the targets of the template's rules (their patterns as the template writes them), once.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class EventRulesTests(MotoServer moto)
{
    private const string Prefix = "lab/", Model = "macro_tilt";

    private static readonly YamlMappingNode Template = DeployFile.Documents("cloudformation", "macrolab.yaml")[0];

    [SkippableFact]
    public async Task Each_event_reaches_the_targets_of_the_rules_that_select_it_and_a_duplicate_reaches_none()
    {
        MotoServer.SkipIfUnavailable();
        using AmazonS3Client s3 = moto.CreateS3Client();
        string bucket = await moto.CreateBucketAsync(s3);
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = bucket, EventBridgeConfiguration = new EventBridgeConfiguration() });
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("testing", "testing"), new AmazonSQSConfig { ServiceURL = moto.Endpoint, AuthenticationRegion = "us-east-1" });
        var substitutions = new Dictionary<string, string> { ["LakeBucket"] = bucket, ["LakePrefix"] = Prefix, ["ModelName"] = Model };
        string api = await RuleToQueueAsync(sqs, "ModelEventsRule", substitutions);
        string retrain = await RuleToQueueAsync(sqs, "RetrainRule", substitutions);

        var log = new LabEventLog(new S3ObjectStore(s3, bucket, Prefix));
        LabEvent promotion = Event(LabEventTypes.Promotion, $"{Model}-champion-r4");
        Assert.True(await log.PublishAsync(promotion));
        Assert.False(await log.PublishAsync(promotion));
        Assert.True(await log.PublishAsync(Event(LabEventTypes.Drift, $"{Model}-v4-drift-20260331")));
        Assert.True(await log.PublishAsync(Event(LabEventTypes.Retrain, $"{Model}-retrain-0123456789abcdef")));
        Assert.True(await log.PublishAsync(Event(LabEventTypes.Promotion, "other_model-champion-r1") with { Model = "other_model" }));

        Assert.Equal([$"{Prefix}events/promotion/{Model}/{Model}-champion-r4.json"], await KeysAsync(sqs, api));
        Assert.Equal([$"{Prefix}events/retrain/{Model}/{Model}-retrain-0123456789abcdef.json"], await KeysAsync(sqs, retrain));
        Assert.Equal(4, (await log.ReadAsync()).Count);
    }

    private static LabEvent Event(string type, string id) =>
        new(id, type, Model, 4, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), "tests", $"a {type}", new Dictionary<string, string>());

    /// <summary>Creates the template's rule on moto's EventBridge with its pattern, targeting a new queue; returns the queue's URL.</summary>
    private async Task<string> RuleToQueueAsync(AmazonSQSClient sqs, string rule, IReadOnlyDictionary<string, string> substitutions)
    {
        string queue = (await sqs.CreateQueueAsync($"{rule}-{Guid.NewGuid():N}"[..40])).QueueUrl;
        string arn = (await sqs.GetQueueAttributesAsync(queue, ["QueueArn"])).QueueARN;
        JsonNode pattern = Json(Template.At("Resources", rule, "Properties", "EventPattern"), substitutions);
        using var http = new HttpClient { BaseAddress = new Uri(moto.Endpoint) };
        await MotoJsonApi.CallAsync(http, "AWSEvents", "events", "1.1", "PutRule", new JsonObject { ["Name"] = rule, ["EventPattern"] = pattern.ToJsonString(), ["State"] = "ENABLED" });
        await MotoJsonApi.CallAsync(http, "AWSEvents", "events", "1.1", "PutTargets", new JsonObject { ["Rule"] = rule, ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "queue", ["Arn"] = arn }) });
        return queue;
    }

    private static async Task<string[]> KeysAsync(AmazonSQSClient sqs, string queue)
    {
        var keys = new List<string>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            ReceiveMessageResponse received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            keys.AddRange((received.Messages ?? []).Select(m => JsonNode.Parse(m.Body)!["detail"]!["object"]!["key"]!.GetValue<string>()));
        }

        return [.. keys];
    }

    /// <summary>A template node as JSON, with <c>!Ref</c> and <c>!Sub</c> resolved from <paramref name="substitutions"/>.</summary>
    private static JsonNode Json(YamlNode node, IReadOnlyDictionary<string, string> substitutions) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, (JsonNode?)Json(c.Value, substitutions)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(c => (JsonNode?)Json(c, substitutions))]),
        YamlScalarNode reference when Tag(reference) == "!Ref" => JsonValue.Create(substitutions[reference.Value!]),
        YamlScalarNode sub when Tag(sub) == "!Sub" => JsonValue.Create(substitutions.Aggregate(sub.Value!, (text, s) => text.Replace($"${{{s.Key}}}", s.Value, StringComparison.Ordinal))),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value!),
        _ => throw new InvalidDataException($"unexpected node {node}"),
    };

    private static string? Tag(YamlNode node) => node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;
}
