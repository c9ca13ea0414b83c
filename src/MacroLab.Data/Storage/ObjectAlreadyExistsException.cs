namespace MacroLab.Data.Storage;

/// <summary>A <see cref="ObjectWriteMode.CreateNew"/> write found the object already there; nothing was written.</summary>
public sealed class ObjectAlreadyExistsException : IOException
{
    /// <summary>Creates the exception for <paramref name="key"/> in the store at <paramref name="location"/>.</summary>
    public ObjectAlreadyExistsException(string location, string key, Exception? innerException = null)
        : base($"The object '{key}' already exists in {location}.", innerException) => Key = key;

    /// <summary>The key that exists.</summary>
    public string Key { get; }
}
