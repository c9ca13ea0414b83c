using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>
/// Reloads on an event instead of waiting for the poll: a promotion or rollback of the served model recorded in the lab's
/// event log (<c>events/promotion|rollback/&lt;model&gt;/...</c>) makes the API ask the registry at once. In the cloud the
/// events arrive on an SQS queue (<see cref="ServingOptions.EventQueueUrl"/>, fed by the stack's EventBridge rule from the
/// lake bucket); with a local lake the API watches the log's folder. Polling (<see cref="ServingOptions.PollInterval"/>)
/// stays the fallback: a lost event delays a switch by one poll at most.
/// </summary>
internal sealed class ModelEvents(ModelDeployment deployment, Lake lake, IOptions<ServingOptions> options, ILogger<ModelEvents> logger) : BackgroundService
{
    private readonly ServingOptions _options = options.Value;

    /// <summary>Whether a log key is a promotion or rollback of <paramref name="model"/>.</summary>
    internal static bool Concerns(string key, string model)
    {
        int at = key.IndexOf("events/", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        string rest = key[(at + "events/".Length)..];
        return rest.StartsWith($"promotion/{model}/", StringComparison.Ordinal) || rest.StartsWith($"rollback/{model}/", StringComparison.Ordinal);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _options.EventQueueUrl is { } queue ? ReceiveAsync(queue, stoppingToken)
        : lake.Store is LocalObjectStore local ? WatchAsync(local.RootDirectory, stoppingToken)
        : Task.CompletedTask;

    private async Task ReceiveAsync(string queue, CancellationToken stoppingToken)
    {
        // An explicit endpoint (an emulator) signs for the region of the environment, us-east-1 when none is set.
        using var client = new AmazonSQSClient(_options.EventQueueEndpoint is { } endpoint
            ? new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1" }
            : new AmazonSQSConfig());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ReceiveMessageResponse received = await client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, WaitTimeSeconds = (int)_options.EventQueueWait.TotalSeconds, MaxNumberOfMessages = 10 }, stoppingToken)
                    .ConfigureAwait(false);
                foreach (Message message in received.Messages ?? [])
                {
                    if (KeyOf(message.Body) is { } key && Concerns(key, _options.Model))
                    {
                        await ReloadAsync(key, stoppingToken).ConfigureAwait(false);
                    }

                    await client.DeleteMessageAsync(queue, message.ReceiptHandle, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is AmazonSQSException or Amazon.Runtime.AmazonClientException or HttpRequestException)
            {
                logger.LogWarning("Reading the event queue {Queue} failed ({Error}); polling continues, retrying in 10 s.", queue, error.Message);
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WatchAsync(string root, CancellationToken stoppingToken)
    {
        string folder = Path.Combine(root, "events");
        Directory.CreateDirectory(folder);
        var changed = System.Threading.Channels.Channel.CreateUnbounded<string>();
        using var watcher = new FileSystemWatcher(folder, "*.json") { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, e) => changed.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) => changed.Writer.TryWrite(e.FullPath);
        watcher.EnableRaisingEvents = true;
        try
        {
            await foreach (string path in changed.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                string key = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (Concerns(key, _options.Model))
                {
                    await ReloadAsync(key, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReloadAsync(string key, CancellationToken stoppingToken)
    {
        logger.LogInformation("Event {Key}: asking the registry now.", key);
        try
        {
            await deployment.RefreshAsync("event", stoppingToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning("Reloading on event {Key} failed ({Error}); the next poll retries.", key, error.Message);
        }
    }

    /// <summary>The lake key an event message names: an S3 "Object Created" event from EventBridge (<c>detail.object.key</c>), or a bare <c>{"key": ...}</c>.</summary>
    internal static string? KeyOf(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("detail", out JsonElement detail) && detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("object", out JsonElement item) && item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("key", out JsonElement key) && key.ValueKind == JsonValueKind.String)
            {
                return key.GetString();
            }

            return root.TryGetProperty("key", out JsonElement bare) && bare.ValueKind == JsonValueKind.String ? bare.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
