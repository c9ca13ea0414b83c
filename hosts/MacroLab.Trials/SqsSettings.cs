using Amazon;
using Amazon.SQS;

namespace MacroLab.Trials;

/// <summary>Where an SQS client connects (the worker binds it from <c>MacroLab:Sqs</c>; the CLI from its options).</summary>
public sealed class SqsSettings
{
    /// <summary>An explicit endpoint (an emulator's <c>http://127.0.0.1:PORT</c>, a VPC endpoint); null for AWS's own.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The region; null for the SDK's resolution (environment, IRSA, instance profile).</summary>
    public string? Region { get; set; }

    /// <summary>A client as these settings describe it, with credentials from the AWS environment.</summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public AmazonSQSClient CreateClient()
    {
        var config = new AmazonSQSConfig();

        // As for S3: an explicit endpoint takes the region for signing only.
        if (ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = Region ?? "us-east-1";
        }
        else if (Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonSQSClient(config);
    }
}
