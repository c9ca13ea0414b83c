using MacroLab.Data.Storage;

namespace MacroLab.Registry.Tests;

/// <summary>The contract on the embedded backend: a real SQLite file, artifacts in a local folder store.</summary>
public sealed class SqliteRegistryTests : RegistryContract, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private string Database => _folder.File("lake/registry/registry.sqlite");

    protected override Task<(IModelRegistry Registry, IObjectStore Artifacts)> CreateAsync()
    {
        var store = new LocalObjectStore(_folder.File("lake"));
        return Task.FromResult<(IModelRegistry, IObjectStore)>((ModelRegistry.OpenSqlite(Database, store, Clock), store));
    }

    protected override IModelRegistry OpenAnother() => ModelRegistry.OpenSqlite(Database, new LocalObjectStore(_folder.File("lake")), Clock);

    [Fact]
    public async Task The_database_is_one_file_in_the_lake_that_a_new_process_reads_back()
    {
        await Registry.CreateModelAsync("m");
        await Registry.CreateVersionAsync("m", NewVersion(0.4));

        Assert.True(File.Exists(Database));
        using ModelRegistry reopened = ModelRegistry.OpenSqlite(Database, new LocalObjectStore(_folder.File("lake")));
        Assert.Equal(0.4, (await reopened.GetVersionAsync("m", 1))!.Metrics["sharpe"]);
        Assert.Equal(Database, reopened.Location);
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_with_the_file_named()
    {
        await Registry.CreateModelAsync("m");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        using ModelRegistry reopened = ModelRegistry.OpenSqlite(Database, new LocalObjectStore(_folder.File("lake")));
        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => reopened.ListModelsAsync());

        Assert.Contains(Database, error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
