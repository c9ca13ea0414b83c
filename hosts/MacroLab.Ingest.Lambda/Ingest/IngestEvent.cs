using MacroLab.Connectors.Fred;
using MacroLab.Data.Sources;

namespace MacroLab.Ingest.Lambda.Ingest;

/// <summary>What one invocation ingests: a raw object (from S3), an inline payload with its source format, or series fetched from FRED.</summary>
/// <param name="Format">The source format.</param>
/// <param name="DatasetName">The dataset's name in the lake, or null for the format's default.</param>
/// <param name="Options">Vintage and release date.</param>
/// <param name="Bucket">The S3 bucket of the raw object, or null for an inline payload.</param>
/// <param name="Key">The raw object's key, or null.</param>
/// <param name="FileName">The inline payload's file name, or null.</param>
/// <param name="Content">The inline payload, or null.</param>
/// <param name="Fetch">Series to fetch from FRED instead of a file (<see cref="SourceFormat.FredApi"/>), or null.</param>
internal sealed record IngestEvent(
    SourceFormat Format, string? DatasetName, SourceReadOptions Options, string? Bucket, string? Key, string? FileName, byte[]? Content, FetchEvent? Fetch = null);

/// <summary>A scheduled fetch: <c>{"fetch":{"source":"fred","series":"CPIAUCSL,PAYEMS","vintages":"all"}}</c>.</summary>
/// <param name="Series">The FRED series ids.</param>
/// <param name="Vintages">The real-time period.</param>
internal sealed record FetchEvent(IReadOnlyList<string> Series, FredVintages Vintages);
