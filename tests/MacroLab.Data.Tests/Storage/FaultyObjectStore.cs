using MacroLab.Data.Storage;

namespace MacroLab.Data.Tests.Storage;

/// <summary>
/// Wraps a store and fails the n-th write (counting from 1), or with <paramref name="cancelOnWrite"/> cancels a token
/// during it instead, to prove that failed and cancelled stages leave the lake as it was.
/// </summary>
public sealed class FaultyObjectStore(IObjectStore inner, int failOnWrite, CancellationTokenSource? cancelOnWrite = null) : IObjectStore
{
    private int _writes;

    public int Writes => _writes;

    public string Location => inner.Location;

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<ObjectInfo> PutAsync(string key, Stream content, ObjectWriteMode mode = ObjectWriteMode.Overwrite, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _writes) != failOnWrite)
        {
            return inner.PutAsync(key, content, mode, cancellationToken);
        }

        if (cancelOnWrite is null)
        {
            throw new IOException($"Injected failure on write {failOnWrite} ({key}).");
        }

        // The write itself completes (a store may not observe the token); the cancellation must still win.
        cancelOnWrite.Cancel();
        return inner.PutAsync(key, content, mode, CancellationToken.None);
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
