namespace MacroLab.Data.Storage;

/// <summary>
/// Writes several datasets to a <see cref="Lake"/> all-or-nothing, for stages outside this package (signals, backtests,
/// models). Content lands at new content-addressed keys first; the manifests, which make datasets visible, are written
/// last; on any failure or cancellation every manifest is restored and every new object deleted, so the lake is as it was.
/// </summary>
/// <remarks>Not thread-safe; create one per stage run with <see cref="Lake.BeginTransaction"/>.</remarks>
public sealed class LakeTransaction
{
    private readonly LakeCommit _commit;
    private bool _committed;

    internal LakeTransaction(Lake lake) => _commit = lake.BeginCommit();

    /// <summary>The number of datasets added so far.</summary>
    public int Count => _commit.Count;

    /// <summary>The datasets added so far, in order.</summary>
    internal IEnumerable<string> Datasets => _commit.Datasets;

    /// <summary>Adds already encoded content (the stages of this package: Parquet observations, provenance, coverage JSON).</summary>
    internal void Add(string dataset, EncodedDataset content, DatasetRecipe recipe, IReadOnlyDictionary<string, string>? properties = null, string? fileName = null)
    {
        ThrowIfCommitted();
        _commit.Add(dataset, content, recipe, properties, fileName);
    }

    /// <summary>Adds a table, stored as Parquet (format <c>TimeSeriesTable</c>, readable with <see cref="Lake.ReadTableAsync(string, CancellationToken)"/>).</summary>
    /// <exception cref="InvalidOperationException">The dataset is already part of this transaction, or the transaction was committed.</exception>
    public async Task AddTableAsync(
        string dataset, TimeSeriesTable table, DatasetRecipe recipe, IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(recipe);
        ThrowIfCommitted();
        ObjectKeys.Validate(dataset, nameof(dataset));
        EncodedDataset encoded = await ParquetCodec.EncodeTableAsync(table, cancellationToken).ConfigureAwait(false);
        _commit.Add(dataset, encoded, recipe, properties);
    }

    /// <summary>
    /// Adds a file kept as given under its own name (for example <c>results.json</c> or <c>report.html</c>); read it back with
    /// <see cref="Lake.ReadContentAsync"/>, which verifies its digest.
    /// </summary>
    /// <param name="dataset">The dataset's key prefix, e.g. <c>gold/backtests/us_macro5/report</c>.</param>
    /// <param name="fileName">The file's name inside the dataset.</param>
    /// <param name="content">The bytes; copied.</param>
    /// <param name="format">The manifest's format field, e.g. <c>application/json</c>.</param>
    /// <param name="recipe">How the file was made.</param>
    /// <param name="properties">Facts about the content worth reading without opening it.</param>
    /// <exception cref="InvalidOperationException">The dataset is already part of this transaction, or the transaction was committed.</exception>
    public void AddFile(
        string dataset, string fileName, ReadOnlySpan<byte> content, string format, DatasetRecipe recipe, IReadOnlyDictionary<string, string>? properties = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        ArgumentNullException.ThrowIfNull(recipe);
        ThrowIfCommitted();
        ObjectKeys.Validate(dataset, nameof(dataset));
        ObjectKeys.Validate($"{dataset}/{fileName}", nameof(fileName));
        _commit.Add(dataset, new EncodedDataset(content.ToArray(), format, null, []), recipe, properties, fileName);
    }

    /// <summary>Makes every added dataset visible at once; returns their new manifests in the order added.</summary>
    /// <exception cref="InvalidOperationException">The transaction was already committed.</exception>
    public async Task<IReadOnlyList<DatasetManifest>> CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCommitted();
        _committed = true;
        return await _commit.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfCommitted()
    {
        if (_committed)
        {
            throw new InvalidOperationException("This lake transaction was already committed; begin a new one.");
        }
    }
}
