namespace MacroLab.Registry.Backends;

/// <summary>
/// The storage primitives a registry backend provides; <see cref="ModelRegistry"/> holds the rules on top. Every write is
/// conditional: a backend reports a lost race instead of overwriting.
/// </summary>
internal interface IRegistryBackend : IDisposable
{
    string Location { get; }

    /// <summary>Inserts the model; false when one of that name exists.</summary>
    Task<bool> TryCreateModelAsync(RegisteredModel model, CancellationToken cancellationToken);

    Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Allocates the model's next version number and inserts <paramref name="create"/>(number) atomically with the
    /// allocation; null when the model does not exist.
    /// </summary>
    Task<ModelVersion?> CreateNextVersionAsync(string name, Func<int, ModelVersion> create, CancellationToken cancellationToken);

    Task<StoredVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken);

    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces a version's record if it is still at <paramref name="expectedRevision"/>; false when another write came first.</summary>
    Task<bool> TryReplaceVersionAsync(ModelVersion updated, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>The alias's current state, including a deleted alias (then <see cref="StoredAlias.Version"/> is null); null if never set.</summary>
    Task<StoredAlias?> GetAliasAsync(string name, string alias, CancellationToken cancellationToken);

    Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> and appends it to the history, atomically, if the alias is still at revision
    /// <c>change.Revision - 1</c> and (for a move) the target version is READY.
    /// </summary>
    Task<AliasWriteOutcome> TryWriteAliasAsync(AliasChange change, CancellationToken cancellationToken);

    /// <summary>The history of the model's aliases (or one), ordered by alias then revision.</summary>
    Task<IReadOnlyList<AliasChange>> GetAliasHistoryAsync(string name, string? alias, CancellationToken cancellationToken);

    /// <summary>Puts the entry unless (lineage, kind, key) exists; true when it was new.</summary>
    Task<bool> TryAddLedgerEntryAsync(LedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Every ledger entry of a lineage.</summary>
    Task<IReadOnlyList<LedgerEntry>> ListLedgerAsync(string lineage, CancellationToken cancellationToken);
}

/// <summary>A version record with the revision that guards its conditional replacement.</summary>
internal sealed record StoredVersion(ModelVersion Version, long Revision);

/// <summary>An alias's current target (null once deleted) and revision.</summary>
internal sealed record StoredAlias(int? Version, long Revision, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The result of a conditional alias write.</summary>
internal enum AliasWriteOutcome
{
    Written,
    RevisionConflict,
    VersionNotReady,
}
