using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>What the API serves and how, bound from configuration section <c>MacroLab:Serving</c>.</summary>
public sealed class ServingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "MacroLab:Serving";

    /// <summary>The registered model to serve.</summary>
    /// <value>No default: required.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    public string Model { get; set; } = string.Empty;

    /// <summary>The registry alias whose version is served; when it moves, the API switches blue/green.</summary>
    /// <value><c>champion</c>.</value>
    [Required]
    public string Alias { get; set; } = "champion";

    /// <summary>An alias (e.g. <c>challenger</c>) whose version scores a copy of every request in the background, never answering the client.</summary>
    /// <value>Null: no shadow.</value>
    public string? ShadowAlias { get; set; }

    /// <summary>How often the registry is asked where the aliases point.</summary>
    /// <value>15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The key that authorizes <c>POST /admin/reload</c> (header <c>X-MacroLab-Admin-Key</c>); supply it from a secret store
    /// (e.g. an environment variable filled from AWS Secrets Manager), never from a file in the image.
    /// </summary>
    /// <value>Null: the admin endpoint answers 404.</value>
    [MinLength(16)]
    public string? AdminKey { get; set; }

    /// <summary>
    /// The callers allowed to score and read model metadata: a JSON object of caller name to key, e.g.
    /// <c>{"research":"…","trading":"…"}</c>, each key at least 16 characters. Supply it from a secret store (the stack fills
    /// it from Secrets Manager); requests then need <c>Authorization: Bearer &lt;key&gt;</c> and are rate-limited per
    /// caller. Health endpoints stay open for the load balancer.
    /// </summary>
    /// <value>Null: no caller keys, every request is anonymous (for local use).</value>
    public string? CallerKeys { get; set; }

    /// <summary>Each caller's request rate (with <see cref="CallerKeys"/>): a token bucket refilled at this many requests per second.</summary>
    /// <value>50. Zero turns rate limiting off.</value>
    [Range(0.0, 100_000.0)]
    public double CallerRequestsPerSecond { get; set; } = 50;

    /// <summary>Each caller's burst: the bucket's size, the most requests at once after a quiet spell.</summary>
    /// <value>100.</value>
    [Range(1, 1_000_000)]
    public int CallerBurst { get; set; } = 100;

    /// <summary>The most rows one request may score.</summary>
    /// <value>1024.</value>
    [Range(1, 1_000_000)]
    public int MaxBatchRows { get; set; } = 1024;

    /// <summary>The largest request body accepted, in bytes.</summary>
    /// <value>4 MiB.</value>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>How long a replaced version may finish its in-flight requests before it is released anyway.</summary>
    /// <value>30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest |difference| allowed between a new version's warm-up outputs and the input example of its model card.</summary>
    /// <value>1e-4.</value>
    [Range(0.0, 1.0)]
    public double WarmUpTolerance { get; set; } = 1e-4;

    /// <summary>Shadow requests waiting to be scored; when full, new copies are dropped (and counted), never the client's request.</summary>
    /// <value>1024.</value>
    [Range(1, 1_000_000)]
    public int ShadowQueueCapacity { get; set; } = 1024;

    /// <summary>The prediction log.</summary>
    [ValidateObjectMembers]
    public PredictionLogOptions PredictionLog { get; set; } = new();

    /// <summary>
    /// An SQS queue of the lab's events (the stack's EventBridge rule sends this service's promotions and rollbacks to it):
    /// the API reloads as soon as one names the served model, instead of waiting for the next poll. Null: with a local
    /// lake the API watches the lake's event log instead; polling stays the fallback either way.
    /// </summary>
    public string? EventQueueUrl { get; set; }

    /// <summary>How long one receive of <see cref="EventQueueUrl"/> waits for an event (SQS long polling, 1 to 20 s; 20 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:20")]
    public TimeSpan EventQueueWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The SQS endpoint of <see cref="EventQueueUrl"/>, e.g. an emulator's (default: AWS's).</summary>
    public string? EventQueueEndpoint { get; set; }
}
