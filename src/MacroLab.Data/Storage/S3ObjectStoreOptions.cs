namespace MacroLab.Data.Storage;

/// <summary>How an <see cref="S3ObjectStore"/> uploads.</summary>
public sealed class S3ObjectStoreOptions
{
    /// <summary>The minimum part size S3 accepts (all parts but the last).</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    /// <summary>Objects up to this many bytes are written with a single PUT; larger ones with a multipart upload.</summary>
    /// <value>Default: 64 MiB. At least <see cref="PartSize"/>.</value>
    public long MultipartThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>The size of each part of a multipart upload, in bytes.</summary>
    /// <value>Default: 16 MiB. At least <see cref="MinimumPartSize"/>.</value>
    public int PartSize { get; set; } = 16 * 1024 * 1024;

    internal void Validate()
    {
        if (PartSize < MinimumPartSize)
        {
            throw new ArgumentException($"S3ObjectStoreOptions.PartSize must be at least {MinimumPartSize} bytes (got {PartSize}).");
        }

        if (MultipartThreshold < PartSize)
        {
            throw new ArgumentException($"S3ObjectStoreOptions.MultipartThreshold ({MultipartThreshold}) must be at least PartSize ({PartSize}).");
        }
    }
}
