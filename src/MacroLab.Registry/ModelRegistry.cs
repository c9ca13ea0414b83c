using Amazon.DynamoDBv2;
using MacroLab.Data.Storage;
using MacroLab.Registry.Artifacts;
using MacroLab.Registry.Backends;
using MacroLab.Data.Validation;

namespace MacroLab.Registry;

/// <summary>
/// The model registry over a backend (an embedded SQLite file, or a DynamoDB table) and the lake's object store for
/// artifacts. Open one with <see cref="OpenSqlite"/> or <see cref="OpenDynamoDb"/>, or through
/// <c>services.AddMacroLabRegistry(...)</c>. Thread-safe; several processes may share one registry.
/// </summary>
public sealed class ModelRegistry : IModelRegistry, IDisposable
{
    /// <summary>The object-store prefix under which artifacts are kept by default.</summary>
    public const string DefaultArtifactPrefix = "registry/artifacts";

    private readonly IRegistryBackend _backend;
    private readonly ArtifactStore _artifacts;
    private readonly TimeProvider _time;

    internal ModelRegistry(IRegistryBackend backend, IObjectStore artifacts, string artifactPrefix, TimeProvider time)
    {
        _backend = backend;
        _artifacts = new ArtifactStore(artifacts, artifactPrefix);
        _time = time;
    }

    /// <inheritdoc />
    public string Location => _backend.Location;

    /// <summary>Where artifacts are stored.</summary>
    public string ArtifactLocation => _artifacts.Location;

    /// <summary>A registry in the SQLite file <paramref name="databasePath"/>, created with its folder by the first write (reads of a missing file find an empty registry and create nothing).</summary>
    /// <param name="databasePath">The database file, e.g. <c>&lt;lake&gt;/registry/registry.sqlite</c>.</param>
    /// <param name="artifactStore">Where artifacts go: the lake's object store.</param>
    /// <param name="timeProvider">The clock for timestamps; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="artifactPrefix">The key prefix of artifacts.</param>
    /// <param name="busyTimeout">How long a writer waits for another's lock; 30 s when null.</param>
    public static ModelRegistry OpenSqlite(
        string databasePath, IObjectStore artifactStore, TimeProvider? timeProvider = null, string artifactPrefix = DefaultArtifactPrefix, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(artifactStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactPrefix);
        return new ModelRegistry(new SqliteRegistryBackend(databasePath, busyTimeout ?? TimeSpan.FromSeconds(30)), artifactStore, artifactPrefix, timeProvider ?? TimeProvider.System);
    }

    /// <summary>A registry in the DynamoDB table <paramref name="tableName"/> (see <see cref="DynamoDbRegistryTable"/>).</summary>
    /// <param name="client">The DynamoDB client; the caller keeps ownership.</param>
    /// <param name="tableName">The table.</param>
    /// <param name="artifactStore">Where artifacts go: the lake's object store (S3 in the cloud).</param>
    /// <param name="timeProvider">The clock for timestamps; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="artifactPrefix">The key prefix of artifacts.</param>
    public static ModelRegistry OpenDynamoDb(
        IAmazonDynamoDB client, string tableName, IObjectStore artifactStore, TimeProvider? timeProvider = null, string artifactPrefix = DefaultArtifactPrefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(artifactStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactPrefix);
        return new ModelRegistry(new DynamoDbRegistryBackend(client, tableName), artifactStore, artifactPrefix, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async Task<RegisteredModel> CreateModelAsync(
        string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        RegistryNames.Model(name);
        var model = new RegisteredModel(name, description, CheckedTags(tags), _time.GetUtcNow(), 0);
        return await _backend.TryCreateModelAsync(model, cancellationToken).ConfigureAwait(false)
            ? model
            : throw new RegistryConflictException($"Model '{name}' already exists in {Location}.");
    }

    /// <inheritdoc />
    public Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken = default) =>
        _backend.GetModelAsync(RegistryNames.Model(name), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default) => _backend.ListModelsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ModelVersion> CreateVersionAsync(string name, NewModelVersion version, CancellationToken cancellationToken = default)
    {
        RegistryNames.Model(name);
        ArgumentNullException.ThrowIfNull(version);
        foreach ((string metric, double value) in version.Metrics)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(metric, nameof(version));
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Metric '{metric}' of the new version of '{name}' is {value}; metrics must be finite (leave a metric out when it is undefined).", nameof(version));
            }
        }

        foreach (GateResult gate in version.Gates?.Gates ?? [])
        {
            if (gate.Value is { } value && !double.IsFinite(value) || gate.Threshold is { } threshold && !double.IsFinite(threshold))
            {
                throw new ArgumentException($"Gate '{gate.Name}' of the new version of '{name}' has a non-finite value or threshold; record null instead.", nameof(version));
            }
        }

        IReadOnlyDictionary<string, string> tags = CheckedTags(version.Tags);
        DateTimeOffset now = _time.GetUtcNow();
        ModelVersion? created = await _backend.CreateNextVersionAsync(name, number => new ModelVersion
        {
            Name = name,
            Version = number,
            Status = ModelVersionStatus.Pending,
            CreatedAt = now,
            CreatedBy = string.IsNullOrWhiteSpace(version.CreatedBy) ? "unknown" : version.CreatedBy,
            Description = version.Description,
            Metrics = new SortedDictionary<string, double>(version.Metrics.ToDictionary(), StringComparer.Ordinal),
            Gates = version.Gates,
            Signature = version.Signature,
            Lineage = version.Lineage,
            Tags = tags,
        }, cancellationToken).ConfigureAwait(false);
        return created ?? throw new ModelNotFoundException($"Model '{name}' is not registered in {Location}; create it first.");
    }

    /// <inheritdoc />
    public async Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default) =>
        (await _backend.GetVersionAsync(RegistryNames.Model(name), version, cancellationToken).ConfigureAwait(false))?.Version;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelVersion>> SearchVersionsAsync(string name, VersionQuery? query = null, CancellationToken cancellationToken = default)
    {
        await RequireModelAsync(name, cancellationToken).ConfigureAwait(false);
        query ??= new VersionQuery();
        IEnumerable<ModelVersion> versions = (await _backend.ListVersionsAsync(name, cancellationToken).ConfigureAwait(false))
            .Where(v => query.Status is null || v.Status == query.Status)
            .Where(v => query.Tags.All(t => v.Tags.TryGetValue(t.Key, out string? value) && string.Equals(value, t.Value, StringComparison.Ordinal)))
            .OrderByDescending(v => v.Version);
        return query.Limit is { } limit ? [.. versions.Take(limit)] : [.. versions];
    }

    /// <inheritdoc />
    public async Task<ArtifactRecord> UploadArtifactAsync(
        string name, int version, string artifactName, Stream content, string contentType = "application/octet-stream", CancellationToken cancellationToken = default)
    {
        RegistryNames.Artifact(artifactName);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        StoredVersion stored = await RequireVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        RequirePending(stored.Version, "upload an artifact to");
        ArtifactRecord artifact = await _artifacts.PutAsync(name, version, artifactName, content, contentType, cancellationToken).ConfigureAwait(false);
        await UpdateVersionAsync(name, version, current =>
        {
            RequirePending(current, "upload an artifact to");
            if (current.Artifact(artifactName) is { } existing)
            {
                return string.Equals(existing.Sha256, artifact.Sha256, StringComparison.Ordinal)
                    ? null
                    : throw new RegistryConflictException($"{name}:{version} already has an artifact '{artifactName}' with SHA-256 {existing.Sha256}; artifacts are immutable.");
            }

            return current with { Artifacts = [.. current.Artifacts, artifact] };
        }, cancellationToken).ConfigureAwait(false);
        return artifact;
    }

    /// <inheritdoc />
    public async Task<byte[]> DownloadArtifactAsync(string name, int version, string artifactName, CancellationToken cancellationToken = default)
    {
        RegistryNames.Artifact(artifactName);
        StoredVersion stored = await RequireVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        ArtifactRecord artifact = stored.Version.Artifact(artifactName)
            ?? throw new ModelNotFoundException($"{name}:{version} has no artifact '{artifactName}' (it has: {string.Join(", ", stored.Version.Artifacts.Select(a => a.Name))}).");
        return await _artifacts.GetAsync(artifact, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ModelVersion> FinishVersionAsync(string name, int version, ModelVersionStatus status, string? message = null, CancellationToken cancellationToken = default)
    {
        if (status == ModelVersionStatus.Pending)
        {
            throw new InvalidOperationException($"{name}:{version}: a version is finished as Ready or Failed, not Pending.");
        }

        return UpdateVersionAsync(name, version, current =>
        {
            RequirePending(current, $"finish as {status} (a version is finished once)");
            return current with { Status = status, StatusMessage = message, FinishedAt = _time.GetUtcNow() };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelVersion> SetVersionTagAsync(string name, int version, string key, string? value, CancellationToken cancellationToken = default)
    {
        RegistryNames.TagKey(key);
        return UpdateVersionAsync(name, version, current =>
        {
            var tags = new SortedDictionary<string, string>(current.Tags.ToDictionary(), StringComparer.Ordinal);
            if (value is null)
            {
                tags.Remove(key);
            }
            else
            {
                tags[key] = value;
            }

            return current with { Tags = tags };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await RequireModelAsync(reference.Model, cancellationToken).ConfigureAwait(false);
        if (reference.Version is { } number)
        {
            return (await RequireVersionAsync(reference.Model, number, cancellationToken).ConfigureAwait(false)).Version;
        }

        if (reference.Alias is { } alias)
        {
            StoredAlias? target = await _backend.GetAliasAsync(reference.Model, alias, cancellationToken).ConfigureAwait(false);
            if (target?.Version is not { } aliased)
            {
                throw new ModelNotFoundException($"Model '{reference.Model}' has no alias '{alias}' in {Location}.");
            }

            return (await RequireVersionAsync(reference.Model, aliased, cancellationToken).ConfigureAwait(false)).Version;
        }

        IReadOnlyList<ModelVersion> ready = await SearchVersionsAsync(reference.Model, new VersionQuery { Status = ModelVersionStatus.Ready, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return ready.Count > 0 ? ready[0] : throw new ModelNotFoundException($"Model '{reference.Model}' has no READY version in {Location}.");
    }

    /// <inheritdoc />
    public async Task<AliasChange> SetAliasAsync(string name, string aliasName, int version, AliasChangeRequest request, CancellationToken cancellationToken = default)
    {
        RegistryNames.Alias(aliasName);
        CheckRequest(request);
        StoredVersion target = await RequireVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
        if (target.Version.Status != ModelVersionStatus.Ready)
        {
            throw new InvalidOperationException($"{name}:{version} is {target.Version.Status.ToString().ToUpperInvariant()}; only READY versions can hold the alias '{aliasName}'.");
        }

        return await MoveAliasAsync(name, aliasName, version, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AliasChange> DeleteAliasAsync(string name, string aliasName, AliasChangeRequest request, CancellationToken cancellationToken = default)
    {
        RegistryNames.Model(name);
        RegistryNames.Alias(aliasName);
        CheckRequest(request);
        StoredAlias? current = await _backend.GetAliasAsync(name, aliasName, cancellationToken).ConfigureAwait(false);
        if (current?.Version is null)
        {
            throw new ModelNotFoundException($"Model '{name}' has no alias '{aliasName}' to delete in {Location}.");
        }

        return await MoveAliasAsync(name, aliasName, null, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string name, CancellationToken cancellationToken = default) =>
        _backend.ListAliasesAsync(RegistryNames.Model(name), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AliasChange>> GetAliasHistoryAsync(string name, string? aliasName = null, CancellationToken cancellationToken = default) =>
        _backend.GetAliasHistoryAsync(RegistryNames.Model(name), aliasName is null ? null : RegistryNames.Alias(aliasName), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _backend.Dispose();

    private async Task<AliasChange> MoveAliasAsync(string name, string alias, int? version, AliasChangeRequest request, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= Contention.MaxAttempts; attempt++)
        {
            StoredAlias? current = await _backend.GetAliasAsync(name, alias, cancellationToken).ConfigureAwait(false);
            long revision = current?.Revision ?? 0;
            if (request.ExpectedRevision is { } expected && expected != revision)
            {
                throw new RegistryConflictException(
                    $"Alias {name}@{alias} is at revision {revision} (version {current?.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}), not the expected {expected}: someone moved it since it was read.");
            }

            var change = new AliasChange(name, alias, revision + 1, current?.Version, version, request.Actor, _time.GetUtcNow(), request.Reason);
            switch (await _backend.TryWriteAliasAsync(change, cancellationToken).ConfigureAwait(false))
            {
                case AliasWriteOutcome.Written:
                    return change;
                case AliasWriteOutcome.VersionNotReady:
                    throw new InvalidOperationException($"{name}:{version} is no longer READY; the alias '{alias}' was not moved.");
                default:
                    if (request.ExpectedRevision is not null)
                    {
                        throw new RegistryConflictException($"Alias {name}@{alias} moved concurrently past revision {revision}; it was not changed.");
                    }

                    await Contention.BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        throw Contention.GaveUp($"Alias {name}@{alias}");
    }

    private async Task<ModelVersion> UpdateVersionAsync(string name, int version, Func<ModelVersion, ModelVersion?> change, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= Contention.MaxAttempts; attempt++)
        {
            StoredVersion stored = await RequireVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
            ModelVersion? updated = change(stored.Version);
            if (updated is null)
            {
                return stored.Version;
            }

            if (await _backend.TryReplaceVersionAsync(updated, stored.Revision, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }

            await Contention.BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        throw Contention.GaveUp($"{name}:{version}");
    }

    private async Task RequireModelAsync(string name, CancellationToken cancellationToken)
    {
        if (await _backend.GetModelAsync(RegistryNames.Model(name), cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ModelNotFoundException($"Model '{name}' is not registered in {Location}.");
        }
    }

    private async Task<StoredVersion> RequireVersionAsync(string name, int version, CancellationToken cancellationToken) =>
        await _backend.GetVersionAsync(RegistryNames.Model(name), version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"{name}:{version} does not exist in {Location}.");

    private static void RequirePending(ModelVersion version, string action)
    {
        if (version.Status != ModelVersionStatus.Pending)
        {
            throw new InvalidOperationException($"Cannot {action} {version.Name}:{version.Version}: it is {version.Status.ToString().ToUpperInvariant()}, and only PENDING versions change.");
        }
    }

    private static void CheckRequest(AliasChangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Actor, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Reason, nameof(request));
    }

    private static SortedDictionary<string, string> CheckedTags(IReadOnlyDictionary<string, string>? tags)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string value) in tags ?? new Dictionary<string, string>())
        {
            RegistryNames.TagKey(key, nameof(tags));
            result[key] = value ?? throw new ArgumentException($"Tag '{key}' has a null value.", nameof(tags));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<int> RecordLedgerEntriesAsync(IReadOnlyList<LedgerEntry> entries, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        for (int i = 0; i < entries.Count; i++)
        {
            LedgerEntry entry = entries[i] ?? throw new ArgumentException($"Ledger entry {i} is null.", nameof(entries));
            if (string.IsNullOrWhiteSpace(entry.Lineage) || string.IsNullOrWhiteSpace(entry.Key) || string.IsNullOrWhiteSpace(entry.Source))
            {
                throw new ArgumentException($"Ledger entry {i} needs a lineage, a key and a source.", nameof(entries));
            }

            if (!double.IsFinite(entry.PerPeriodSharpe) || entry.Periods < 2)
            {
                throw new ArgumentException($"Ledger entry {i} ({entry.Key}) has Sharpe ratio {entry.PerPeriodSharpe} over {entry.Periods} periods; it needs a finite Sharpe ratio over at least 2.", nameof(entries));
            }
        }

        DateTimeOffset now = _time.GetUtcNow();
        int added = 0;
        foreach (LedgerEntry entry in entries)
        {
            added += await _backend.TryAddLedgerEntryAsync(entry with { RecordedAt = now, RecordedBy = actor }, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string lineage, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lineage);
        IReadOnlyList<LedgerEntry> entries = await _backend.ListLedgerAsync(lineage, cancellationToken).ConfigureAwait(false);
        return [.. entries.OrderBy(e => e.Kind).ThenBy(e => e.Key, StringComparer.Ordinal)];
    }
}
