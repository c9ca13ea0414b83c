using MacroLab.Data.Sources;

namespace MacroLab.Ingest.Lambda.Ingest;

/// <summary>What one invocation ingests: a raw object (from S3) or an inline payload, with its source format.</summary>
/// <param name="Format">The source format.</param>
/// <param name="DatasetName">The dataset's name in the lake, or null for the format's default.</param>
/// <param name="Options">Vintage and release date.</param>
/// <param name="Bucket">The S3 bucket of the raw object, or null for an inline payload.</param>
/// <param name="Key">The raw object's key, or null.</param>
/// <param name="FileName">The inline payload's file name, or null.</param>
/// <param name="Content">The inline payload, or null.</param>
internal sealed record IngestEvent(
    SourceFormat Format, string? DatasetName, SourceReadOptions Options, string? Bucket, string? Key, string? FileName, byte[]? Content);
