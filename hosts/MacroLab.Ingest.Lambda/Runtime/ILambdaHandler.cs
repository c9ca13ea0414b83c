namespace MacroLab.Ingest.Lambda.Runtime;

/// <summary>The function's code: turns an event into a response, or throws (a <see cref="LambdaFunctionException"/> names the error type).</summary>
internal interface ILambdaHandler
{
    /// <summary>Handles one invocation; <paramref name="cancellationToken"/> fires shortly before the invocation's deadline.</summary>
    Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken);
}
