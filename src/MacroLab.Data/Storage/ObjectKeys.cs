namespace MacroLab.Data.Storage;

/// <summary>Validation of object keys, shared by every store so that they accept exactly the same keys.</summary>
internal static class ObjectKeys
{
    public const int MaxLength = 1024;

    public static void Validate(string key, string parameterName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length == 0 || key.Length > MaxLength)
        {
            throw new ArgumentException($"An object key has 1 to {MaxLength} characters; got {key.Length}.", parameterName);
        }

        foreach (string segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.' || segment.Contains('\\', StringComparison.Ordinal) || segment.Any(char.IsControl))
            {
                throw new ArgumentException(
                    $"Invalid object key '{key}': segments must be non-empty, must not start with '.', and must not contain '\\' or control characters.",
                    parameterName);
            }
        }
    }

    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0)
        {
            Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix, nameof(prefix));
        }
    }
}
