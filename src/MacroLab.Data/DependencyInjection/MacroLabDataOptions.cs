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
}
