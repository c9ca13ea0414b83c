namespace MacroLab.Registry;

/// <summary>The model, version or alias named does not exist.</summary>
public sealed class ModelNotFoundException : ModelRegistryException
{
    /// <summary>The error, without details.</summary>
    public ModelNotFoundException()
    {
    }

    /// <summary>The error with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>The error with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
