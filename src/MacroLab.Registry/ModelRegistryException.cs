namespace MacroLab.Registry;

/// <summary>A registry operation could not be done; the message says which model, version or alias and why.</summary>
public class ModelRegistryException : Exception
{
    /// <summary>A registry error.</summary>
    public ModelRegistryException()
    {
    }

    /// <summary>A registry error with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ModelRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>A registry error with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ModelRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
