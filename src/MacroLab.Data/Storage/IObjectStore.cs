namespace MacroLab.Data.Storage;

/// <summary>
/// A flat store of immutable-by-convention byte objects under '/'-separated keys: a local folder or an S3 bucket.
/// Writes are atomic: a reader sees either the whole new object or none (or the previous one); a failed or
/// cancelled write leaves nothing behind.
/// </summary>
/// <remarks>
/// Keys are relative, '/'-separated, with non-empty segments that do not start with '.', and no '\\'; segments starting with
/// '.' are reserved for the store's temporary files. Listing is in ordinal key order.
/// </remarks>
public interface IObjectStore
{
    /// <summary>Where the store lives, as a URI: <c>file:///…</c> or <c>s3://bucket/prefix</c>.</summary>
    string Location { get; }

    /// <summary>The object's size and time of last write, or null when there is no such object.</summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Opens the object for reading; the caller disposes the stream.</summary>
    /// <exception cref="ObjectNotFoundException">There is no such object.</exception>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes the rest of <paramref name="content"/> as the object <paramref name="key"/>, atomically.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="content">The bytes to write, read from its current position to its end.</param>
    /// <param name="mode">Whether an existing object may be replaced.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is left behind.</param>
    /// <exception cref="ObjectAlreadyExistsException"><paramref name="mode"/> is <see cref="ObjectWriteMode.CreateNew"/> and the object exists.</exception>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<ObjectInfo> PutAsync(string key, Stream content, ObjectWriteMode mode = ObjectWriteMode.Overwrite, CancellationToken cancellationToken = default);

    /// <summary>The objects whose keys start with <paramref name="prefix"/> (empty for all), in ordinal key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; false when there was none.</summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
