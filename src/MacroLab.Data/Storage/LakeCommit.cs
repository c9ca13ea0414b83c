using System.Security.Cryptography;

namespace MacroLab.Data.Storage;

/// <summary>
/// Writes the datasets of one stage run all-or-nothing. Content goes to new, content-addressed keys first (invisible,
/// since nothing points to them yet); then the manifests, which are what makes a dataset visible, are replaced. If anything
/// fails, every manifest already replaced is restored and every object this commit created is deleted, so the lake is
/// as it was. Superseded content is removed only after the commit succeeded.
/// </summary>
internal sealed class LakeCommit
{
    private readonly Lake _lake;
    private readonly List<Pending> _pending = [];

    public LakeCommit(Lake lake) => _lake = lake;

    public int Count => _pending.Count;

    /// <summary>The datasets added so far, in order.</summary>
    public IEnumerable<string> Datasets => _pending.Select(p => p.Dataset);

    /// <summary>Adds a dataset; <paramref name="fileName"/> keeps a raw file's original name (Bronze), else the content is <c>part-&lt;digest&gt;.parquet</c>.</summary>
    public void Add(string dataset, EncodedDataset content, DatasetRecipe recipe, IReadOnlyDictionary<string, string>? properties = null, string? fileName = null)
    {
        if (_pending.Exists(p => string.Equals(p.Dataset, dataset, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The dataset {dataset} is already part of this commit.");
        }

        _pending.Add(new Pending(dataset, content, recipe, properties, fileName));
    }

    public async Task<IReadOnlyList<DatasetManifest>> CommitAsync(CancellationToken cancellationToken)
    {
        IObjectStore store = _lake.Store;
        var manifests = new List<DatasetManifest>(_pending.Count);
        var previous = new Dictionary<string, (DatasetManifest? Manifest, byte[]? Json)>(StringComparer.Ordinal);
        var created = new List<string>();
        var replacedManifests = new List<string>();
        try
        {
            foreach (Pending pending in _pending)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string manifestKey = LakeLayout.ManifestKey(pending.Dataset);
                byte[]? oldJson = await store.GetInfoAsync(manifestKey, cancellationToken).ConfigureAwait(false) is null
                    ? null
                    : await _lake.ReadObjectAsync(manifestKey, cancellationToken).ConfigureAwait(false);
                previous[pending.Dataset] = (oldJson is null ? null : TryDeserialize(oldJson, manifestKey), oldJson);

                string digest = Convert.ToHexStringLower(SHA256.HashData(pending.Content.Content));
                string dataKey = pending.FileName is null
                    ? $"{pending.Dataset}/part-{digest[..16]}.parquet"
                    : $"{pending.Dataset}/{digest[..16]}/{pending.FileName}";
                if (await store.GetInfoAsync(dataKey, cancellationToken).ConfigureAwait(false) is null)
                {
                    using var content = new MemoryStream(pending.Content.Content, writable: false);
                    await store.PutAsync(dataKey, content, ObjectWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
                    created.Add(dataKey);
                }
                else if (!await HoldsAsync(dataKey, digest, cancellationToken).ConfigureAwait(false))
                {
                    // The key names this very content, so an object there that differs is damage: replace it (atomically).
                    using var content = new MemoryStream(pending.Content.Content, writable: false);
                    await store.PutAsync(dataKey, content, ObjectWriteMode.Overwrite, cancellationToken).ConfigureAwait(false);
                }

                manifests.Add(new DatasetManifest
                {
                    Dataset = pending.Dataset,
                    DataKey = dataKey,
                    Format = pending.Content.Format,
                    ContentSha256 = digest,
                    SizeBytes = pending.Content.Content.Length,
                    RowCount = pending.Content.RowCount,
                    Schema = pending.Content.Schema,
                    Stage = pending.Recipe.Stage,
                    Fingerprint = pending.Recipe.Fingerprint,
                    Parameters = new SortedDictionary<string, string>(pending.Recipe.Parameters.ToDictionary(), StringComparer.Ordinal),
                    Inputs = [.. pending.Recipe.Inputs.OrderBy(i => i.Dataset, StringComparer.Ordinal)],
                    Properties = new SortedDictionary<string, string>((pending.Properties ?? new Dictionary<string, string>()).ToDictionary(), StringComparer.Ordinal),
                    ProducerVersion = Producer.Version,
                    CreatedAt = _lake.TimeProvider.GetUtcNow(),
                });
            }

            // The commit point: each manifest write is atomic, and all data they point to is already durable. A
            // cancellation that came while the data was written is honoured here, before anything becomes visible.
            cancellationToken.ThrowIfCancellationRequested();
            foreach (DatasetManifest manifest in manifests)
            {
                using var json = new MemoryStream(ManifestJson.Serialize(manifest), writable: false);
                await store.PutAsync(LakeLayout.ManifestKey(manifest.Dataset), json, ObjectWriteMode.Overwrite, cancellationToken).ConfigureAwait(false);
                replacedManifests.Add(manifest.Dataset);
            }
        }
        catch
        {
            await RollBackAsync(store, previous, replacedManifests, created).ConfigureAwait(false);
            throw;
        }

        foreach (DatasetManifest manifest in manifests)
        {
            if (previous[manifest.Dataset].Manifest is { } old && !string.Equals(old.DataKey, manifest.DataKey, StringComparison.Ordinal))
            {
                await store.DeleteAsync(old.DataKey, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return manifests;
    }

    private async Task<bool> HoldsAsync(string key, string digest, CancellationToken cancellationToken)
    {
        byte[] existing = await _lake.ReadObjectAsync(key, cancellationToken).ConfigureAwait(false);
        return string.Equals(Convert.ToHexStringLower(SHA256.HashData(existing)), digest, StringComparison.Ordinal);
    }

    private static DatasetManifest? TryDeserialize(byte[] json, string key)
    {
        try
        {
            return ManifestJson.Deserialize(json, key);
        }
        catch (InvalidDataException)
        {
            return null; // a damaged manifest is replaced; its content key is unknown, so nothing is deleted for it
        }
    }

    private static async Task RollBackAsync(
        IObjectStore store, Dictionary<string, (DatasetManifest? Manifest, byte[]? Json)> previous, List<string> replacedManifests, List<string> created)
    {
        // Undo with CancellationToken.None: a cancelled stage must still leave the lake as it was.
        foreach (string dataset in replacedManifests)
        {
            string key = LakeLayout.ManifestKey(dataset);
            if (previous[dataset].Json is { } json)
            {
                using var content = new MemoryStream(json, writable: false);
                await store.PutAsync(key, content, ObjectWriteMode.Overwrite, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
        }

        foreach (string key in created)
        {
            await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed record Pending(string Dataset, EncodedDataset Content, DatasetRecipe Recipe, IReadOnlyDictionary<string, string>? Properties, string? FileName);
}
