using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>
/// Who may score, and how fast: the caller filter answers 401 to a request without a valid key when caller keys are
/// configured, and the <see cref="Policy"/> rate limiter gives each caller a token bucket of
/// <see cref="ServingOptions.CallerBurst"/> requests refilled at <see cref="ServingOptions.CallerRequestsPerSecond"/>, answering
/// 429 with <c>Retry-After</c> when it is empty. Requests without a valid key share one bucket, so a flood of bad keys is
/// slowed as well as refused. Without caller keys (local use) nothing is limited.
/// </summary>
internal static class CallerAccess
{
    /// <summary>The rate-limiting policy of the scoring and metadata endpoints.</summary>
    public const string Policy = "callers";

    public static IServiceCollection AddCallerAccess(this IServiceCollection services)
    {
        services.AddSingleton<ApiCallers>();
        services.AddSingleton<IValidateOptions<ServingOptions>, CallerKeysValidator>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                string retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
                    : "1";
                context.HttpContext.Response.Headers.RetryAfter = retry;
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"This caller's request rate is above its limit; retry after {retry} s.").ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(Policy, context =>
            {
                ServingOptions serving = context.RequestServices.GetRequiredService<IOptions<ServingOptions>>().Value;
                ApiCallers callers = context.RequestServices.GetRequiredService<ApiCallers>();
                string caller = callers.Identify(context) ?? ApiCallers.Anonymous;
                return !callers.Required || serving.CallerRequestsPerSecond <= 0
                    ? RateLimitPartition.GetNoLimiter(caller)
                    : RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = serving.CallerBurst,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / serving.CallerRequestsPerSecond),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
        });
        return services;
    }

    /// <summary>Requires a caller key (when keys are configured) and the per-caller rate limit on <paramref name="endpoint"/>.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            ApiCallers callers = context.HttpContext.RequestServices.GetRequiredService<ApiCallers>();
            if (callers.Required && callers.Identify(context.HttpContext) is null)
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                    detail: "This endpoint needs a caller key: send 'Authorization: Bearer <key>'.");
            }

            return await next(context);
        });
        endpoint.RequireRateLimiting(Policy);
        return endpoint;
    }
}
