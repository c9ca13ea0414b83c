namespace MacroLab.Hosting.Pipeline;

/// <summary>A stage needs a dataset that an earlier stage makes and the lake does not have; the message says which stage to run.</summary>
public sealed class MissingStageOutputException : InvalidOperationException
{
    /// <summary>An error without details.</summary>
    public MissingStageOutputException()
    {
    }

    /// <summary>An error with a message.</summary>
    /// <param name="message">What is missing and which stage makes it.</param>
    public MissingStageOutputException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and its cause.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="innerException">The cause.</param>
    public MissingStageOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
