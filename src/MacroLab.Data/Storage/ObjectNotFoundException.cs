namespace MacroLab.Data.Storage;

/// <summary>There is no object under the key.</summary>
public sealed class ObjectNotFoundException : IOException
{
    /// <summary>Creates the exception for <paramref name="key"/> in the store at <paramref name="location"/>.</summary>
    public ObjectNotFoundException(string location, string key, Exception? innerException = null)
        : base($"There is no object '{key}' in {location}.", innerException) => Key = key;

    /// <summary>The missing key.</summary>
    public string Key { get; }
}
