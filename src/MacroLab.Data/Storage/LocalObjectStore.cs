using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace MacroLab.Data.Storage;

/// <summary>
/// An <see cref="IObjectStore"/> on a local folder: each key is a file under the root. A write goes to a hidden temporary
/// file in the target's folder, is flushed to disk, then renamed over the target (or, for
/// <see cref="ObjectWriteMode.CreateNew"/>, hard-linked to it, which fails atomically when it exists), so readers never see
/// a partial file and concurrent create-new writers never both win; on failure or cancellation the temporary file and any
/// folder created for it are removed.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    private readonly string _root;

    /// <summary>A store rooted at <paramref name="rootDirectory"/>, created on the first write.</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public LocalObjectStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
    }

    /// <summary>The absolute path of the root folder.</summary>
    public string RootDirectory => _root;

    /// <inheritdoc />
    public string Location => new Uri(_root + Path.DirectorySeparatorChar).AbsoluteUri;

    /// <inheritdoc />
    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new ObjectInfo(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(Location, key, error);
        }
    }

    /// <inheritdoc />
    public async Task<ObjectInfo> PutAsync(string key, Stream content, ObjectWriteMode mode = ObjectWriteMode.Overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string path = PathOf(key);
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}.tmp");
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (mode == ObjectWriteMode.Overwrite)
            {
                File.Move(temporary, path, overwrite: true); // rename(2): atomic replace
            }
            else if (!NoClobberMove.TryMove(temporary, path))
            {
                throw new ObjectAlreadyExistsException(Location, key);
            }
        }
        catch
        {
            File.Delete(temporary);
            PruneEmptyFolders(folder);
            throw;
        }

        var written = new FileInfo(path);
        return new ObjectInfo(key, written.Length, written.LastWriteTimeUtc);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKeys.ValidatePrefix(prefix);
        int slash = prefix.LastIndexOf('/');
        string start = slash < 0 ? _root : Path.Combine(_root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var found = new List<ObjectInfo>();
        foreach (string path in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.Split('/').Any(segment => segment.StartsWith('.')))
            {
                var file = new FileInfo(path);
                found.Add(new ObjectInfo(key, file.Length, file.LastWriteTimeUtc));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (ObjectInfo info in found)
        {
            yield return info;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        PruneEmptyFolders(Path.GetDirectoryName(path)!);
        return Task.FromResult(true);
    }

    private string PathOf(string key)
    {
        ObjectKeys.Validate(key);
        string path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The key '{key}' points outside the store.", nameof(key));
        }

        return path;
    }

    /// <summary>Removes empty folders from <paramref name="folder"/> up to (not including) the root.</summary>
    private void PruneEmptyFolders(string folder)
    {
        while (folder.Length > _root.Length && folder.StartsWith(_root, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    return;
                }

                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // another writer is using it
            }

            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
