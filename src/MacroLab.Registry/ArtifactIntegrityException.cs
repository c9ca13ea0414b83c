namespace MacroLab.Registry;

/// <summary>An artifact's bytes do not match the SHA-256 or size recorded when it was uploaded: it was tampered with or corrupted.</summary>
public sealed class ArtifactIntegrityException : ModelRegistryException
{
    /// <summary>The error, without details.</summary>
    public ArtifactIntegrityException()
    {
    }

    /// <summary>The error with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ArtifactIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>The error with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ArtifactIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
