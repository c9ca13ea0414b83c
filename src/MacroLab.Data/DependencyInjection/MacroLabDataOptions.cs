using Amazon;
using Amazon.S3;
using MacroLab.Data.Storage;
using System.ComponentModel.DataAnnotations;

namespace MacroLab.Data;

/// <summary>Settings of the MacroLab data layer, bound from configuration section <c>MacroLab:Data</c> by convention.</summary>
public sealed class MacroLabDataOptions
{
    /// <summary>Where the lake lives: a folder path, or <c>s3://bucket/prefix</c>.</summary>
    /// <value>Default: <c>./macrolab-lake</c>.</value>
    [Required]
    public string Lake { get; set; } = "./macrolab-lake";

    /// <summary>The S3 endpoint, e.g. an emulator's <c>http://127.0.0.1:5000</c>; null for AWS's own.</summary>
    /// <value>Default: null.</value>
    [Url]
    public string? S3ServiceUrl { get; set; }

    /// <summary>The AWS region of the bucket; null to use the SDK's resolution (environment, profile).</summary>
    /// <value>Default: null.</value>
    public string? S3Region { get; set; }

    /// <summary>Address buckets by path (<c>host/bucket/key</c>) instead of by virtual host, as emulators need.</summary>
    /// <value>Default: false.</value>
    public bool S3ForcePathStyle { get; set; }

    /// <summary>Objects up to this size are written with one PUT, larger ones with a multipart upload.</summary>
    /// <value>Default: 64 MiB.</value>
    [Range(S3ObjectStoreOptions.MinimumPartSize, long.MaxValue)]
    public long S3MultipartThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// An S3 client as these settings describe it (endpoint, region, path style), with credentials from the AWS
    /// environment: the one an <c>s3://</c> lake uses when no <see cref="IAmazonS3"/> is registered, and the one a host
    /// builds for other buckets it reads.
    /// </summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public AmazonS3Client CreateS3Client()
    {
        var config = new AmazonS3Config { ForcePathStyle = S3ForcePathStyle };

        // The SDK clears ServiceURL when RegionEndpoint is set (and the reverse): an explicit endpoint only takes the
        // region for signing.
        if (S3ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = S3Region ?? "us-east-1";
        }
        else if (S3Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonS3Client(config);
    }
}
