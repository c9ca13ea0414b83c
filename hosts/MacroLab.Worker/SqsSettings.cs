namespace MacroLab.Worker;

/// <summary>Where the SQS client connects, bound from <c>MacroLab:Sqs</c>.</summary>
internal sealed class SqsSettings
{
    /// <summary>An explicit endpoint (an emulator's <c>http://127.0.0.1:PORT</c>, a VPC endpoint); null for AWS's own.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The region; null for the SDK's resolution (environment, IRSA, instance profile).</summary>
    public string? Region { get; set; }
}
