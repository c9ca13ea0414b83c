using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Storage;

public sealed class LocalObjectStoreTests : ObjectStoreContract, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    // Before link(2), File.Move(overwrite: false) let two writers win in about 1 race in 40: 200 races catch that almost surely.
    protected override int Races => 200;

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new LocalObjectStore(Path.Combine(_folder.Path, "lake")));

    /// <summary>Every file under the root, hidden temporary files and empty folders included.</summary>
    protected override Task<string[]> AllKeysAsync(IObjectStore store)
    {
        string root = ((LocalObjectStore)store).RootDirectory;
        if (!Directory.Exists(root))
        {
            return Task.FromResult<string[]>([]);
        }

        string[] entries = [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Where(path => File.Exists(path) || !Directory.EnumerateFileSystemEntries(path).Any())
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];
        return Task.FromResult(entries);
    }

    [Fact]
    public void The_location_is_a_file_uri_of_the_root()
    {
        var store = new LocalObjectStore(Path.Combine(_folder.Path, "lake"));
        Assert.Equal(new Uri(Path.Combine(_folder.Path, "lake") + "/").AbsoluteUri, store.Location);
    }

    public void Dispose() => _folder.Dispose();
}
