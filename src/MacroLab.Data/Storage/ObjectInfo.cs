namespace MacroLab.Data.Storage;

/// <summary>An object in an <see cref="IObjectStore"/>.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastModified">When it was last written, as the store reports it.</param>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified);
