using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Storage;

/// <summary>Wraps a store and fails the n-th write (counting from 1), to prove that failed stages leave the lake as it was.</summary>
public sealed class FaultyObjectStore(IObjectStore inner, int failOnWrite) : IObjectStore
{
    private int _writes;

    public int Writes => _writes;

    public string Location => inner.Location;

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<ObjectInfo> PutAsync(string key, Stream content, ObjectWriteMode mode = ObjectWriteMode.Overwrite, CancellationToken cancellationToken = default) =>
        Interlocked.Increment(ref _writes) == failOnWrite
            ? throw new IOException($"Injected failure on write {failOnWrite} ({key}).")
            : inner.PutAsync(key, content, mode, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
