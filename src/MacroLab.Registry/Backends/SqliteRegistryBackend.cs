using Microsoft.Data.Sqlite;

namespace MacroLab.Registry.Backends;

/// <summary>
/// The embedded registry: one SQLite file in write-ahead-log mode. Writers serialise on SQLite's write lock (<c>BEGIN IMMEDIATE</c>, waiting up to
/// the busy timeout); version numbers are <c>UNIQUE(name, version)</c>, allocated from the model row inside the same
/// transaction; version records and aliases carry a revision checked by <c>UPDATE ... WHERE rev = @rev</c>.
/// </summary>
internal sealed class SqliteRegistryBackend : IRegistryBackend
{
    private const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS models (
            name TEXT NOT NULL PRIMARY KEY,
            description TEXT NULL,
            tags TEXT NOT NULL,
            created_at TEXT NOT NULL,
            latest_version INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS versions (
            name TEXT NOT NULL REFERENCES models(name),
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            rev INTEGER NOT NULL,
            document TEXT NOT NULL,
            UNIQUE (name, version));
        CREATE TABLE IF NOT EXISTS aliases (
            name TEXT NOT NULL REFERENCES models(name),
            alias TEXT NOT NULL,
            version INTEGER NULL,
            rev INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (name, alias));
        CREATE TABLE IF NOT EXISTS alias_history (
            name TEXT NOT NULL,
            alias TEXT NOT NULL,
            rev INTEGER NOT NULL,
            from_version INTEGER NULL,
            to_version INTEGER NULL,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (name, alias, rev));
        CREATE TABLE IF NOT EXISTS ledger (
            lineage TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (lineage, kind, key));
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private bool _initialized;

    public SqliteRegistryBackend(string path, TimeSpan busyTimeout)
    {
        string full = Path.GetFullPath(path);
        Location = full;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
            ForeignKeys = true,
        }.ToString();
    }

    public string Location { get; }

    public async Task<bool> TryCreateModelAsync(RegisteredModel model, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand insert = Command(connection,
            "INSERT INTO models (name, description, tags, created_at, latest_version) VALUES ($name, $description, $tags, $created, 0) ON CONFLICT(name) DO NOTHING",
            ("$name", model.Name), ("$description", model.Description), ("$tags", RegistryJson.Serialize(model.Tags)), ("$created", RegistryTimestamps.Format(model.CreatedAt)));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return null;
        }

        IReadOnlyList<RegisteredModel> models = await ReadModelsAsync(connection, name, cancellationToken).ConfigureAwait(false);
        return models.Count == 0 ? null : models[0];
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return [];
        }

        return await ReadModelsAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryAddLedgerEntryAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand insert = Command(connection,
            "INSERT INTO ledger (lineage, kind, key, document) VALUES ($lineage, $kind, $key, $document) ON CONFLICT(lineage, kind, key) DO NOTHING",
            ("$lineage", entry.Lineage), ("$kind", entry.Kind.ToString()), ("$key", entry.Key), ("$document", RegistryJson.Serialize(entry)));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<LedgerEntry>> ListLedgerAsync(string lineage, CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return [];
        }

        using SqliteCommand read = Command(connection, "SELECT document, kind, key FROM ledger WHERE lineage = $lineage ORDER BY kind, key", ("$lineage", lineage));
        using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(RegistryJson.DeserializeLedgerEntry(reader.GetString(0), $"{Location} ledger {lineage}/{reader.GetString(1)}/{reader.GetString(2)}"));
        }

        return entries;
    }

    public async Task<ModelVersion?> CreateNextVersionAsync(string name, Func<int, ModelVersion> create, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand read = Command(transaction, "SELECT latest_version FROM models WHERE name = $name", ("$name", name));
        if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long latest)
        {
            return null;
        }

        int number = checked((int)latest + 1);
        ModelVersion version = create(number);
        using SqliteCommand bump = Command(transaction,
            "UPDATE models SET latest_version = $next WHERE name = $name AND latest_version = $latest", ("$next", number), ("$name", name), ("$latest", latest));
        if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new RegistryConflictException($"Model '{name}': version {number} was allocated concurrently inside a write transaction; the database is not serialising writers.");
        }

        using SqliteCommand insert = Command(transaction,
            "INSERT INTO versions (name, version, status, rev, document) VALUES ($name, $version, $status, 1, $document)",
            ("$name", name), ("$version", number), ("$status", version.Status.ToString()), ("$document", RegistryJson.Serialize(version)));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    public async Task<StoredVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return null;
        }

        using SqliteCommand read = Command(connection, "SELECT document, rev FROM versions WHERE name = $name AND version = $version", ("$name", name), ("$version", version));
        using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredVersion(RegistryJson.DeserializeVersion(reader.GetString(0), $"{Location} {name}:{version}"), reader.GetInt64(1))
            : null;
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return [];
        }

        using SqliteCommand read = Command(connection, "SELECT document, version FROM versions WHERE name = $name ORDER BY version DESC", ("$name", name));
        using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<ModelVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(RegistryJson.DeserializeVersion(reader.GetString(0), $"{Location} {name}:{reader.GetInt64(1)}"));
        }

        return versions;
    }

    public async Task<bool> TryReplaceVersionAsync(ModelVersion updated, long expectedRevision, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand update = Command(connection,
            "UPDATE versions SET document = $document, status = $status, rev = rev + 1 WHERE name = $name AND version = $version AND rev = $rev",
            ("$document", RegistryJson.Serialize(updated)), ("$status", updated.Status.ToString()), ("$name", updated.Name), ("$version", updated.Version), ("$rev", expectedRevision));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<StoredAlias?> GetAliasAsync(string name, string alias, CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return null;
        }

        using SqliteCommand read = Command(connection,
            "SELECT version, rev, updated_at, updated_by FROM aliases WHERE name = $name AND alias = $alias", ("$name", name), ("$alias", alias));
        using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredAlias(reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.GetInt64(1), RegistryTimestamps.Parse(reader.GetString(2)), reader.GetString(3))
            : null;
    }

    public async Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string name, CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return [];
        }

        using SqliteCommand read = Command(connection,
            "SELECT alias, version, rev, updated_at, updated_by FROM aliases WHERE name = $name AND version IS NOT NULL ORDER BY alias", ("$name", name));
        using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new List<ModelAlias>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases.Add(new ModelAlias(name, reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), RegistryTimestamps.Parse(reader.GetString(3)), reader.GetString(4)));
        }

        return aliases;
    }

    public async Task<AliasWriteOutcome> TryWriteAliasAsync(AliasChange change, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        if (change.ToVersion is { } target)
        {
            using SqliteCommand status = Command(transaction, "SELECT status FROM versions WHERE name = $name AND version = $version", ("$name", change.Model), ("$version", target));
            if (await status.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string != nameof(ModelVersionStatus.Ready))
            {
                return AliasWriteOutcome.VersionNotReady;
            }
        }

        long expected = change.Revision - 1;
        using SqliteCommand write = expected == 0
            ? Command(transaction,
                "INSERT INTO aliases (name, alias, version, rev, updated_at, updated_by) VALUES ($name, $alias, $version, $rev, $at, $by) ON CONFLICT(name, alias) DO NOTHING",
                ("$name", change.Model), ("$alias", change.Alias), ("$version", change.ToVersion), ("$rev", change.Revision), ("$at", RegistryTimestamps.Format(change.At)), ("$by", change.Actor))
            : Command(transaction,
                "UPDATE aliases SET version = $version, rev = $rev, updated_at = $at, updated_by = $by WHERE name = $name AND alias = $alias AND rev = $expected",
                ("$name", change.Model), ("$alias", change.Alias), ("$version", change.ToVersion), ("$rev", change.Revision), ("$at", RegistryTimestamps.Format(change.At)), ("$by", change.Actor),
                ("$expected", expected));
        if (await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return AliasWriteOutcome.RevisionConflict;
        }

        using SqliteCommand history = Command(transaction,
            "INSERT INTO alias_history (name, alias, rev, from_version, to_version, actor, at, reason) VALUES ($name, $alias, $rev, $from, $to, $actor, $at, $reason)",
            ("$name", change.Model), ("$alias", change.Alias), ("$rev", change.Revision), ("$from", change.FromVersion), ("$to", change.ToVersion), ("$actor", change.Actor),
            ("$at", RegistryTimestamps.Format(change.At)), ("$reason", change.Reason));
        await history.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return AliasWriteOutcome.Written;
    }

    public async Task<IReadOnlyList<AliasChange>> GetAliasHistoryAsync(string name, string? alias, CancellationToken cancellationToken)
    {
        using SqliteConnection? connection = await OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return [];
        }

        using SqliteCommand read = Command(connection,
            "SELECT alias, rev, from_version, to_version, actor, at, reason FROM alias_history WHERE name = $name AND ($alias IS NULL OR alias = $alias) ORDER BY alias, rev",
            ("$name", name), ("$alias", alias));
        using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<AliasChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new AliasChange(
                name, reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetString(4), RegistryTimestamps.Parse(reader.GetString(5)), reader.GetString(6)));
        }

        return changes;
    }

    public void Dispose() => _initialization.Dispose();

    /// <summary>A connection for a write: the file (and its folder) is created on the first one, with the schema.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Location) is { } folder)
        {
            if (File.Exists(folder))
            {
                throw new IOException($"Cannot create the registry {Location}: {folder} is a file, not a folder.");
            }

            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_initialized)
            {
                await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch (SqliteException error)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Unreadable(error);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A connection for a read, or null when the file does not exist yet (a registry nobody has written to is empty):
    /// reading never creates the file.
    /// </summary>
    private async Task<SqliteConnection?> OpenForReadAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return await OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(Location))
        {
            return Directory.Exists(Location)
                ? throw new IOException($"The registry {Location} is a folder, not a SQLite file.")
                : null;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await RequireSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException error)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Unreadable(error);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RequireSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using SqliteCommand version = Command(connection, "PRAGMA user_version");
        long existing = (long)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        if (existing != SchemaVersion)
        {
            throw new InvalidDataException(existing > SchemaVersion
                ? $"{Location}: the registry schema is version {existing}, newer than this MacroLab.Registry understands ({SchemaVersion}); upgrade the package."
                : $"{Location} is a SQLite file but not a MacroLab registry (schema version {existing}, expected {SchemaVersion}); point --registry-file at the registry, or move this file away.");
        }
    }

    /// <summary>SQLite's own words, without the "SQLite Error n: " prefix the exception adds.</summary>
    private static string SqliteReason(SqliteException error)
    {
        string message = error.Message;
        int colon = message.StartsWith("SQLite Error ", StringComparison.Ordinal) ? message.IndexOf(": ", StringComparison.Ordinal) : -1;
        return (colon < 0 ? message : message[(colon + 2)..]).Trim().TrimEnd('.');
    }

    /// <summary>A registry file SQLite cannot read: named, with SQLite's reason, as malformed data rather than a crash.</summary>
    private InvalidDataException Unreadable(SqliteException error) => new(
        $"{Location} is not a readable MacroLab registry (SQLite error {error.SqliteErrorCode}: {SqliteReason(error)}); restore it from a copy, or point --registry-file at another file.",
        error);

    private async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            // Write-ahead logging lets readers (a serving host polling an alias) go on while a writer commits.
            using (SqliteCommand journal = Command(connection, "PRAGMA journal_mode = WAL"))
            {
                await journal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            using SqliteCommand version = Command(transaction, "PRAGMA user_version");
            long existing = (long)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
            if (existing > SchemaVersion)
            {
                throw new InvalidDataException($"{Location}: the registry schema is version {existing}, newer than this MacroLab.Registry understands ({SchemaVersion}); upgrade the package.");
            }

            using SqliteCommand create = Command(transaction, Schema + $"\nPRAGMA user_version = {SchemaVersion};");
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }

    private static async Task<IReadOnlyList<RegisteredModel>> ReadModelsAsync(SqliteConnection connection, string? name, CancellationToken cancellationToken)
    {
        using SqliteCommand read = Command(connection,
            "SELECT name, description, tags, created_at, latest_version FROM models WHERE $name IS NULL OR name = $name ORDER BY name", ("$name", name));
        using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<RegisteredModel>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(new RegisteredModel(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), RegistryJson.DeserializeTags(reader.GetString(2)),
                RegistryTimestamps.Parse(reader.GetString(3)), reader.GetInt32(4)));
        }

        return models;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = Command(transaction.Connection!, sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is constant; values are bound as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach ((string parameter, object? value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value ?? DBNull.Value);
        }

        return command;
    }
}
