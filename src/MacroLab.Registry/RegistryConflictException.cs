namespace MacroLab.Registry;

/// <summary>A concurrent change won: the model already exists, an alias moved since it was read, or an immutable artifact would change.</summary>
public sealed class RegistryConflictException : ModelRegistryException
{
    /// <summary>The error, without details.</summary>
    public RegistryConflictException()
    {
    }

    /// <summary>The error with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public RegistryConflictException(string message)
        : base(message)
    {
    }

    /// <summary>The error with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RegistryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
