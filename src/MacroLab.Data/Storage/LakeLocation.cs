using System.Diagnostics.CodeAnalysis;

namespace MacroLab.Data.Storage;

/// <summary>Where a lake lives: a local folder, or an S3 bucket and key prefix (<c>s3://bucket/prefix</c>).</summary>
public readonly record struct LakeLocation
{
    private LakeLocation(string? folder, string? bucket, string prefix)
    {
        Folder = folder;
        Bucket = bucket;
        Prefix = prefix;
    }

    /// <summary>The local folder, or null for S3.</summary>
    public string? Folder { get; }

    /// <summary>The S3 bucket, or null for a local folder.</summary>
    public string? Bucket { get; }

    /// <summary>The S3 key prefix (no leading or trailing '/'), empty for the bucket root or a local folder.</summary>
    public string Prefix { get; }

    /// <summary>Whether the lake is on S3.</summary>
    [MemberNotNullWhen(true, nameof(Bucket))]
    [MemberNotNullWhen(false, nameof(Folder))]
    public bool IsS3 => Bucket is not null;

    /// <summary>Reads <c>s3://bucket[/prefix]</c> or a folder path.</summary>
    /// <exception cref="FormatException">The text is empty, or an S3 URI has no valid bucket name (3-63 characters: lower-case letters, digits, '.', '-') or an invalid key prefix.</exception>
    public static LakeLocation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("A lake location is a folder path or s3://bucket/prefix; got an empty text.");
        }

        if (!text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return new LakeLocation(text, null, string.Empty);
        }

        string rest = text[5..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? rest : rest[..slash];
        string prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-'))
        {
            throw new FormatException($"'{text}' does not name a valid S3 bucket (3-63 characters: lower-case letters, digits, '.', '-').");
        }

        try
        {
            if (prefix.Length > 0)
            {
                ObjectKeys.Validate(prefix, nameof(text));
            }
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"'{text}' has an invalid key prefix: {error.Message}", error);
        }

        return new LakeLocation(null, bucket, prefix);
    }

    /// <summary>The location as text: the folder, or <c>s3://bucket/prefix</c>.</summary>
    public override string ToString() => IsS3 ? $"s3://{Bucket}/{Prefix}" : Folder;
}
