namespace MacroLab.Registry;

/// <summary>
/// Model versions, their metrics, gates, lineage and artifacts, and the aliases (champion, challenger) that say which one
/// is served. Every write is conditional, so concurrent writers never lose an update, never duplicate a version number and
/// never skip one; artifacts are immutable once written and verified against their SHA-256 on every download.
/// </summary>
/// <remarks>
/// The life cycle of a version: <see cref="CreateVersionAsync"/> allocates the next number as PENDING;
/// <see cref="UploadArtifactAsync"/> adds files; <see cref="FinishVersionAsync"/> makes it READY (or FAILED). Only READY
/// versions can hold an alias, and every alias move is kept in its history with who, when, from, to and why.
/// </remarks>
public interface IModelRegistry
{
    /// <summary>Where the registry keeps its records, for messages (a SQLite file or a DynamoDB table).</summary>
    string Location { get; }

    /// <summary>Registers a model.</summary>
    /// <exception cref="RegistryConflictException">A model with this name exists.</exception>
    /// <exception cref="ArgumentException">The name or a tag is invalid.</exception>
    Task<RegisteredModel> CreateModelAsync(
        string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>The model, or null when there is none by that name.</summary>
    Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every model, by name.</summary>
    Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the next version of a model, PENDING, with its metrics, gates, signature, lineage and tags.</summary>
    /// <exception cref="ModelNotFoundException">There is no such model.</exception>
    /// <exception cref="ArgumentException">A metric is not finite, or a name is invalid (the message names it).</exception>
    Task<ModelVersion> CreateVersionAsync(string name, NewModelVersion version, CancellationToken cancellationToken = default);

    /// <summary>The version, or null when it does not exist.</summary>
    Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>The versions of a model matching <paramref name="query"/>, newest first.</summary>
    /// <exception cref="ModelNotFoundException">There is no such model.</exception>
    Task<IReadOnlyList<ModelVersion>> SearchVersionsAsync(string name, VersionQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Stores a file of a PENDING version in the object store (never replacing one) and records its SHA-256.</summary>
    /// <remarks>Uploading the same bytes again under the same name is a no-op, so an interrupted registration can be retried.</remarks>
    /// <exception cref="ModelNotFoundException">There is no such version.</exception>
    /// <exception cref="InvalidOperationException">The version is not PENDING.</exception>
    /// <exception cref="RegistryConflictException">The version already has a different artifact of this name.</exception>
    Task<ArtifactRecord> UploadArtifactAsync(
        string name, int version, string artifactName, Stream content, string contentType = "application/octet-stream", CancellationToken cancellationToken = default);

    /// <summary>The bytes of an artifact, after checking them against the recorded size and SHA-256.</summary>
    /// <exception cref="ModelNotFoundException">There is no such version or artifact.</exception>
    /// <exception cref="ArtifactIntegrityException">The stored bytes differ from what was recorded.</exception>
    Task<byte[]> DownloadArtifactAsync(string name, int version, string artifactName, CancellationToken cancellationToken = default);

    /// <summary>Moves a PENDING version to READY or FAILED; a version is finished once.</summary>
    /// <exception cref="ModelNotFoundException">There is no such version.</exception>
    /// <exception cref="InvalidOperationException">The version is not PENDING, or <paramref name="status"/> is PENDING.</exception>
    Task<ModelVersion> FinishVersionAsync(string name, int version, ModelVersionStatus status, string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with a null value removes) a tag of a version of any status.</summary>
    /// <exception cref="ModelNotFoundException">There is no such version.</exception>
    Task<ModelVersion> SetVersionTagAsync(string name, int version, string key, string? value, CancellationToken cancellationToken = default);

    /// <summary>The version a reference names: <c>name</c> (latest READY), <c>name:version</c> or <c>name@alias</c>.</summary>
    /// <exception cref="ModelNotFoundException">The model, version or alias does not exist, or the model has no READY version.</exception>
    Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default);

    /// <summary>Points an alias at a READY version, replacing its previous target, and records the move in the alias history.</summary>
    /// <exception cref="ModelNotFoundException">There is no such version.</exception>
    /// <exception cref="InvalidOperationException">The version is not READY.</exception>
    /// <exception cref="RegistryConflictException"><see cref="AliasChangeRequest.ExpectedRevision"/> was given and the alias has moved since.</exception>
    Task<AliasChange> SetAliasAsync(string name, string aliasName, int version, AliasChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias, recording the removal in its history.</summary>
    /// <exception cref="ModelNotFoundException">The alias does not point anywhere.</exception>
    /// <exception cref="RegistryConflictException"><see cref="AliasChangeRequest.ExpectedRevision"/> was given and the alias has moved since.</exception>
    Task<AliasChange> DeleteAliasAsync(string name, string aliasName, AliasChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>The aliases of a model that point to a version, by name.</summary>
    Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every move of the model's aliases (or of one alias), oldest first.</summary>
    Task<IReadOnlyList<AliasChange>> GetAliasHistoryAsync(string name, string? aliasName = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="entries"/> to the trial ledger, each only if no entry with its lineage, kind and key exists
    /// (concurrent writers of the same entry add it once). Stamps each new entry with the registry's clock and <paramref name="actor"/>.
    /// </summary>
    /// <returns>How many entries were new.</returns>
    /// <exception cref="ArgumentException">An entry has an empty lineage or key, or a Sharpe ratio that is not finite.</exception>
    Task<int> RecordLedgerEntriesAsync(IReadOnlyList<LedgerEntry> entries, string actor, CancellationToken cancellationToken = default);

    /// <summary>Every ledger entry of <paramref name="lineage"/>, ordered by kind and key.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string lineage, CancellationToken cancellationToken = default);
}
