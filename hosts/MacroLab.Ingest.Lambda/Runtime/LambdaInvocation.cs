namespace MacroLab.Ingest.Lambda.Runtime;

/// <summary>One invocation as the Lambda Runtime API hands it out (<c>GET /runtime/invocation/next</c>).</summary>
/// <param name="RequestId">Header <c>Lambda-Runtime-Aws-Request-Id</c>.</param>
/// <param name="Deadline">Header <c>Lambda-Runtime-Deadline-Ms</c> (Unix milliseconds): when the function times out.</param>
/// <param name="FunctionArn">Header <c>Lambda-Runtime-Invoked-Function-Arn</c>.</param>
/// <param name="TraceId">Header <c>Lambda-Runtime-Trace-Id</c> (X-Ray), or null.</param>
/// <param name="Payload">The event, as sent.</param>
internal sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string? FunctionArn, string? TraceId, ReadOnlyMemory<byte> Payload);
