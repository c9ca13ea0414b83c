using System.Diagnostics;
using MacroLab.Api.Inference;
using MacroLab.Api.Serving;

namespace MacroLab.Api.Telemetry;

/// <summary>
/// Stamps every response with the served model's headers (scoring endpoints overwrite them with the version they leased) and
/// records the request's count, latency and status by endpoint.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, ModelRouter router, ApiMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        if (router.Primary is { } model)
        {
            ModelHeaders.Set(context.Response, model);
        }

        try
        {
            await next(context);
        }
        finally
        {
            string endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            string? version = context.Response.Headers.TryGetValue(ModelHeaders.Version, out var v) ? v.ToString() : null;
            metrics.Request(endpoint, context.Response.StatusCode, version, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
