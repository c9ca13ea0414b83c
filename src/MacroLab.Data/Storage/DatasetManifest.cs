namespace MacroLab.Data.Storage;

/// <summary>
/// What the lake knows about a dataset: where its content is, its SHA-256, schema and row count, the stage and parameters
/// that made it, and the content digests of its inputs (its lineage). Stored as <c>&lt;dataset&gt;/_manifest.json</c>; a
/// dataset exists exactly when its manifest does.
/// </summary>
public sealed record DatasetManifest
{
    /// <summary>The manifest layout version.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The dataset path, e.g. <c>silver/observations/fredmd/2023-06</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>The object key of the content, e.g. <c>…/part-1a2b3c4d5e6f7a8b.parquet</c>.</summary>
    public required string DataKey { get; init; }

    /// <summary>The content format: <c>parquet</c>, or <c>raw</c> for Bronze bytes as received.</summary>
    public required string Format { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public required string ContentSha256 { get; init; }

    /// <summary>The content size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>The number of rows, or null for raw content.</summary>
    public long? RowCount { get; init; }

    /// <summary>The columns of tabular content, in order.</summary>
    public IReadOnlyList<ColumnSchema> Schema { get; init; } = [];

    /// <summary>The stage that wrote it, e.g. <c>ingest</c> or <c>features</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>
    /// SHA-256 of the stage, its version, its parameters and its inputs' digests: a stage whose recipe has this fingerprint
    /// would write the same content, so it can be skipped.
    /// </summary>
    public required string Fingerprint { get; init; }

    /// <summary>The parameters the stage was run with, by name (ordinal order).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The datasets it was made from, with their content digests.</summary>
    public IReadOnlyList<DatasetInput> Inputs { get; init; } = [];

    /// <summary>Facts measured while making it (coverage, spans), by name.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The MacroLab.Data version that wrote it.</summary>
    public string ProducerVersion { get; init; } = string.Empty;

    /// <summary>When it was written (for Bronze: when the bytes were received).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
