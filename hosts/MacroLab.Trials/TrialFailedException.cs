namespace MacroLab.Trials;

/// <summary>A distributed trial failed on every allowed delivery; its message is in the dead-letter queue.</summary>
public sealed class TrialFailedException : Exception
{
    /// <summary>An exception.</summary>
    public TrialFailedException()
    {
    }

    /// <summary>An exception with a message.</summary>
    public TrialFailedException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message and a cause.</summary>
    public TrialFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
