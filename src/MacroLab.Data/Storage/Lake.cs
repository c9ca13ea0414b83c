using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Storage;

/// <summary>
/// The Bronze/Silver/Gold lake on an <see cref="IObjectStore"/>: reads datasets through their manifests and verifies
/// every content digest. Stages write through an all-or-nothing commit (see <see cref="Stages.IngestStage"/> and <see cref="Stages.FeatureStage"/>).
/// Thread-safe.
/// </summary>
public sealed class Lake
{
    /// <summary>A lake on <paramref name="store"/>; <paramref name="timeProvider"/> stamps manifests (default: the system clock).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public Lake(IObjectStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The object store under the lake.</summary>
    public IObjectStore Store { get; }

    /// <summary>The clock that stamps manifests.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The manifest of <paramref name="dataset"/>, or null when the dataset does not exist.</summary>
    /// <exception cref="InvalidDataException">The manifest is corrupt.</exception>
    public async Task<DatasetManifest?> GetManifestAsync(string dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        string key = LakeLayout.ManifestKey(dataset);
        if (await Store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        byte[] json = await ReadObjectAsync(key, cancellationToken).ConfigureAwait(false);
        return ManifestJson.Deserialize(json, key);
    }

    /// <summary>
    /// The key under which the lake holds <paramref name="dataset"/>, or null when it holds none. A key with a variant
    /// (<c>name@variant</c>, see <see cref="DatasetVariant"/>) names exactly that dataset; a key without one resolves to the
    /// single variant the lake holds of it, or to the key itself when it has no variants (a dataset written by name).
    /// </summary>
    /// <exception cref="AmbiguousDatasetException">The lake holds several variants of <paramref name="dataset"/>.</exception>
    public async Task<string?> ResolveAsync(string dataset, CancellationToken cancellationToken = default) =>
        (await ResolveManifestAsync(dataset, cancellationToken).ConfigureAwait(false))?.Dataset;

    /// <summary>
    /// The manifest of <paramref name="dataset"/>, resolved as <see cref="ResolveAsync"/> resolves it, or an error that names
    /// the dataset and <paramref name="remedy"/>.
    /// </summary>
    /// <param name="dataset">A key, or a name without its variant.</param>
    /// <param name="remedy">What makes it, e.g. <c>run the feature stage first (macrolab features)</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="DatasetNotFoundException">The lake holds no such dataset.</exception>
    /// <exception cref="AmbiguousDatasetException">The lake holds several variants of <paramref name="dataset"/>.</exception>
    public async Task<DatasetManifest> RequireAsync(string dataset, string remedy, CancellationToken cancellationToken = default) =>
        await ResolveManifestAsync(dataset, cancellationToken).ConfigureAwait(false)
        ?? throw new DatasetNotFoundException(Store.Location, dataset, remedy);

    private async Task<DatasetManifest?> ResolveManifestAsync(string dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (DatasetVariant.HasVariant(dataset))
        {
            return await GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false);
        }

        var variants = new List<DatasetManifest>();
        string prefix = dataset + DatasetVariant.Separator;
        await foreach (DatasetManifest manifest in ListDatasetsAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (manifest.Dataset.StartsWith(prefix, StringComparison.Ordinal) && !manifest.Dataset[prefix.Length..].Contains('/', StringComparison.Ordinal))
            {
                variants.Add(manifest);
            }
        }

        return variants switch
        {
            [] => await GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false),
            [var only] => only,
            _ => throw new AmbiguousDatasetException(Store.Location, dataset, Describe(variants)),
        };
    }

    // Each variant with the parameters in which the variants differ, so that the user can tell which is which.
    private static string[] Describe(List<DatasetManifest> variants)
    {
        string[] differing = [.. variants.SelectMany(v => v.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(key => variants.Select(v => v.Parameters.GetValueOrDefault(key)).Distinct(StringComparer.Ordinal).Skip(1).Any())];
        return [.. variants.Select(v =>
        {
            IEnumerable<string> values = differing.Select(key => $"{key}={Shorten(v.Parameters.GetValueOrDefault(key) ?? "-")}");
            return $"{v.Dataset} ({string.Join(", ", values.DefaultIfEmpty($"written {v.CreatedAt:yyyy-MM-dd HH:mm} UTC"))})";
        })];

        static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
    }

    /// <summary>
    /// The manifests of <paramref name="datasets"/>, in order, when every one exists, records <paramref name="fingerprint"/>
    /// and points to intact content (present, of the recorded size and SHA-256); otherwise null. This is the skip check
    /// of every stage: a dataset whose manifest or content was damaged is not current, so the next run rebuilds it.
    /// </summary>
    /// <param name="datasets">The stage's outputs.</param>
    /// <param name="fingerprint">The fingerprint of the recipe the stage would run now.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<IReadOnlyList<DatasetManifest>?> CurrentManifestsAsync(IEnumerable<string> datasets, string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var manifests = new List<DatasetManifest>();
        foreach (string dataset in datasets)
        {
            DatasetManifest? manifest = await TryGetManifestAsync(dataset, cancellationToken).ConfigureAwait(false);
            if (manifest is null
                || !string.Equals(manifest.Fingerprint, fingerprint, StringComparison.Ordinal)
                || await VerifyAsync(manifest, cancellationToken).ConfigureAwait(false) is not null)
            {
                return null;
            }

            manifests.Add(manifest);
        }

        return manifests;
    }

    /// <summary>Whether every one of <paramref name="datasets"/> is current (see <see cref="CurrentManifestsAsync"/>).</summary>
    public async Task<bool> IsCurrentAsync(IEnumerable<string> datasets, string fingerprint, CancellationToken cancellationToken = default) =>
        await CurrentManifestsAsync(datasets, fingerprint, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Checks that the content <paramref name="manifest"/> points to is intact: present, of the recorded size and SHA-256.
    /// </summary>
    /// <returns>Null when intact; otherwise what is wrong, in words.</returns>
    public async Task<string?> VerifyAsync(DatasetManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (await Store.GetInfoAsync(manifest.DataKey, cancellationToken).ConfigureAwait(false) is not { } info)
        {
            return $"its content {manifest.DataKey} is missing";
        }

        if (info.Size != manifest.SizeBytes)
        {
            return $"its content {manifest.DataKey} has {info.Size} bytes, not the {manifest.SizeBytes} its manifest records";
        }

        byte[] content = await ReadObjectAsync(manifest.DataKey, cancellationToken).ConfigureAwait(false);
        string digest = Convert.ToHexStringLower(SHA256.HashData(content));
        return string.Equals(digest, manifest.ContentSha256, StringComparison.Ordinal)
            ? null
            : $"its content {manifest.DataKey} has SHA-256 {digest}, not the {manifest.ContentSha256} its manifest records";
    }

    /// <summary>
    /// Checks every dataset under <paramref name="prefix"/>, in path order: that its manifest reads and its content is
    /// present with the recorded size and SHA-256. Nothing is changed.
    /// </summary>
    public async IAsyncEnumerable<DatasetCheck> VerifyAllAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await foreach (ObjectInfo info in Store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (!info.Key.EndsWith("/" + LakeLayout.ManifestName, StringComparison.Ordinal))
            {
                continue;
            }

            string dataset = info.Key[..^(LakeLayout.ManifestName.Length + 1)];
            DatasetManifest? manifest = null;
            string? problem = null;
            try
            {
                manifest = ManifestJson.Deserialize(await ReadObjectAsync(info.Key, cancellationToken).ConfigureAwait(false), info.Key);
            }
            catch (InvalidDataException error)
            {
                problem = $"its manifest cannot be read ({error.Message})";
            }

            yield return new DatasetCheck(dataset, manifest, problem ?? await VerifyAsync(manifest!, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The manifest of <paramref name="dataset"/>, or null when it is missing or cannot be read.</summary>
    internal async Task<DatasetManifest?> TryGetManifestAsync(string dataset, CancellationToken cancellationToken)
    {
        try
        {
            return await GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return null; // a damaged manifest: the dataset is rebuilt as if it were missing
        }
    }

    /// <summary>The manifests of every dataset under <paramref name="prefix"/> (e.g. <c>silver/observations/</c>), in path order.</summary>
    public async IAsyncEnumerable<DatasetManifest> ListDatasetsAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (ObjectInfo info in Store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (info.Key.EndsWith("/" + LakeLayout.ManifestName, StringComparison.Ordinal))
            {
                byte[] json = await ReadObjectAsync(info.Key, cancellationToken).ConfigureAwait(false);
                yield return ManifestJson.Deserialize(json, info.Key);
            }
        }
    }

    /// <summary>The content of a dataset, after checking its SHA-256 against the manifest.</summary>
    /// <exception cref="InvalidDataException">The content does not match its manifest.</exception>
    public async Task<byte[]> ReadContentAsync(DatasetManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        byte[] content = await ReadObjectAsync(manifest.DataKey, cancellationToken).ConfigureAwait(false);
        string digest = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(digest, manifest.ContentSha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The content of {manifest.Dataset} ({manifest.DataKey}) has SHA-256 {digest}, but its manifest records {manifest.ContentSha256}: the lake is corrupt or was changed by hand.");
        }

        return content;
    }

    /// <summary>Reads a Silver observations dataset.</summary>
    /// <exception cref="ObjectNotFoundException">The dataset does not exist.</exception>
    public Task<ObservationSet> ReadObservationsAsync(string dataset, CancellationToken cancellationToken = default) =>
        ReadDecodedAsync(dataset, ParquetCodec.DecodeObservationsAsync, cancellationToken);

    /// <summary>
    /// Reads a dated table: Gold features, asset returns, labels or signals. <paramref name="dataset"/> is a key, or a name that
    /// resolves to the lake's only variant of it (<see cref="ResolveAsync"/>): <c>gold/features/macro_monthly</c> reads
    /// <c>gold/features/macro_monthly@&lt;variant&gt;</c>.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">The dataset does not exist.</exception>
    /// <exception cref="AmbiguousDatasetException">The lake holds several variants of the name.</exception>
    public async Task<TimeSeriesTable> ReadTableAsync(string dataset, CancellationToken cancellationToken = default) =>
        await DecodeAsync(
            await ResolveManifestAsync(dataset, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(Store.Location, LakeLayout.ManifestKey(dataset)),
            ParquetCodec.DecodeTableAsync,
            cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a Silver series catalog.</summary>
    /// <exception cref="ObjectNotFoundException">The dataset does not exist.</exception>
    public Task<IReadOnlyList<SeriesInfo>> ReadSeriesAsync(string dataset, CancellationToken cancellationToken = default) =>
        ReadDecodedAsync(dataset, ParquetCodec.DecodeSeriesAsync, cancellationToken);

    /// <summary>Reads a Silver release calendar; its name is the dataset's last path segment.</summary>
    /// <exception cref="ObjectNotFoundException">The dataset does not exist.</exception>
    public async Task<ReleaseCalendar> ReadCalendarAsync(string dataset, CancellationToken cancellationToken = default) =>
        await ReadCalendarAsync(
            await GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(Store.Location, LakeLayout.ManifestKey(dataset)),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a Gold coverage dataset (<see cref="LakeLayout.GoldCoverage"/>).</summary>
    /// <exception cref="ObjectNotFoundException">The dataset does not exist.</exception>
    /// <exception cref="InvalidDataException">The content is corrupt.</exception>
    public async Task<IReadOnlyList<FeatureCoverageRecord>> ReadCoverageAsync(string dataset, CancellationToken cancellationToken = default)
    {
        DatasetManifest manifest = await GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false)
            ?? throw new ObjectNotFoundException(Store.Location, LakeLayout.ManifestKey(dataset));
        return CoverageJson.Decode(await ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false), manifest.DataKey);
    }

    /// <summary>
    /// Reads a Gold provenance dataset (<see cref="LakeLayout.GoldProvenance"/>): where each feature value came from, its
    /// reference period, release date, vintage and timing. <paramref name="dataset"/> is a key, or a name that resolves to
    /// the lake's only variant of it, as for <see cref="ReadTableAsync"/>.
    /// </summary>
    /// <param name="dataset">The provenance dataset.</param>
    /// <param name="date">Only this decision date's cells; null for every cell.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="ObjectNotFoundException">The dataset does not exist.</exception>
    /// <exception cref="AmbiguousDatasetException">The lake holds several variants of the name.</exception>
    /// <exception cref="DataFormatException">The content is not a provenance table (the message names the row and field).</exception>
    public async Task<IReadOnlyList<CellProvenance>> ReadProvenanceAsync(string dataset, DateOnly? date = null, CancellationToken cancellationToken = default) =>
        await DecodeAsync(
            await ResolveManifestAsync(dataset, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(Store.Location, LakeLayout.ManifestKey(dataset)),
            (stream, source, token) => ParquetCodec.DecodeProvenanceAsync(stream, source, date, token),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Reads Silver concept declarations.</summary>
    /// <exception cref="ObjectNotFoundException">The dataset does not exist.</exception>
    /// <exception cref="InvalidDataException">The content is corrupt.</exception>
    public async Task<SeriesConcepts> ReadConceptsAsync(string dataset, CancellationToken cancellationToken = default)
    {
        DatasetManifest manifest = await GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false)
            ?? throw new ObjectNotFoundException(Store.Location, LakeLayout.ManifestKey(dataset));
        return await ReadConceptsAsync(manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the concept declarations of a dataset whose manifest the caller already holds.</summary>
    internal async Task<SeriesConcepts> ReadConceptsAsync(DatasetManifest manifest, CancellationToken cancellationToken) =>
        ConceptsJson.Decode(await ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false), manifest.DataKey);

    /// <summary>Starts an all-or-nothing write of one or more datasets (see <see cref="LakeTransaction"/>).</summary>
    public LakeTransaction BeginTransaction() => new(this);

    internal LakeCommit BeginCommit() => new(this);

    /// <summary>Reads the observations of a dataset whose manifest the caller already holds (no second manifest read).</summary>
    internal Task<ObservationSet> ReadObservationsAsync(DatasetManifest manifest, CancellationToken cancellationToken) =>
        DecodeAsync(manifest, ParquetCodec.DecodeObservationsAsync, cancellationToken);

    /// <summary>Reads the series catalog of a dataset whose manifest the caller already holds.</summary>
    internal Task<IReadOnlyList<SeriesInfo>> ReadSeriesAsync(DatasetManifest manifest, CancellationToken cancellationToken) =>
        DecodeAsync(manifest, ParquetCodec.DecodeSeriesAsync, cancellationToken);

    /// <summary>Reads the release calendar of a dataset whose manifest the caller already holds.</summary>
    internal Task<ReleaseCalendar> ReadCalendarAsync(DatasetManifest manifest, CancellationToken cancellationToken) =>
        DecodeAsync(manifest, (stream, source, token) =>
            ParquetCodec.DecodeCalendarAsync(stream, manifest.Dataset[(manifest.Dataset.LastIndexOf('/') + 1)..], source, token), cancellationToken);

    /// <summary>Finds the dataset's manifest, then reads, verifies and decodes its content.</summary>
    private async Task<T> ReadDecodedAsync<T>(string dataset, Func<Stream, string, CancellationToken, Task<T>> decode, CancellationToken cancellationToken)
    {
        DatasetManifest manifest = await GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false)
            ?? throw new ObjectNotFoundException(Store.Location, LakeLayout.ManifestKey(dataset));
        return await DecodeAsync(manifest, decode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and verifies the content a manifest points to, and decodes it.</summary>
    private async Task<T> DecodeAsync<T>(DatasetManifest manifest, Func<Stream, string, CancellationToken, Task<T>> decode, CancellationToken cancellationToken)
    {
        byte[] content = await ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(content, writable: false);
        return await decode(stream, manifest.DataKey, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<byte[]> ReadObjectAsync(string key, CancellationToken cancellationToken)
    {
        Stream stream = await Store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
