namespace MacroLab.Ingest.Lambda.Runtime;

/// <summary>A failure the function reports to Lambda with its own error type (e.g. <c>MacroLab.InvalidEvent</c>).</summary>
internal sealed class LambdaFunctionException(string errorType, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The <c>errorType</c> of the error report.</summary>
    public string ErrorType { get; } = errorType;
}
