using System.Threading.RateLimiting;
using MacroLab.Connectors.Fred;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MacroLab's data connectors.</summary>
public static class MacroLabConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FredClient"/> as a typed HTTP client behind a resilience pipeline (Microsoft.Extensions.Http.Resilience):
    /// an overall timeout, retries of transient failures (5xx, 408, 429, timeouts, dropped connections) with exponential
    /// backoff and jitter that honour <c>Retry-After</c>, a pacing limiter of <see cref="FredClientOptions.RequestsPerMinute"/>
    /// that every attempt passes, and a timeout per attempt. The HTTP client's own request logging is removed, because FRED
    /// takes its key in the query string. The options are validated when the client is first resolved.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (at least the key).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabFred(this IServiceCollection services, Action<FredClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, services.AddOptions<FredClientOptions>().Configure(configure));
    }

    /// <summary>As <see cref="AddMacroLabFred(IServiceCollection, Action{FredClientOptions})"/>, binding the options from <paramref name="section"/> (e.g. <c>MacroLab:Fred</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabFred(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return AddCore(services, services.AddOptions<FredClientOptions>().Bind(section));
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<FredClientOptions> options)
    {
        services.AddSingleton<IValidateOptions<FredClientOptions>, FredClientOptionsValidator>();
        options.ValidateOnStart();

        // One limiter for the process: every client instance and every retry shares FRED's allowance.
        services.AddSingleton(provider => new FredPacing(provider.GetRequiredService<IOptions<FredClientOptions>>().Value.RequestsPerMinute));
        services.AddHttpClient<FredClient>()
            .RemoveAllLoggers()
            .AddResilienceHandler("fred", (pipeline, context) =>
            {
                FredClientOptions o = context.ServiceProvider.GetRequiredService<IOptions<FredClientOptions>>().Value;
                RateLimiter pacing = context.ServiceProvider.GetRequiredService<FredPacing>().Limiter;
                TimeSpan attempts = TimeSpan.FromTicks(o.AttemptTimeout.Ticks * (o.MaxRetries + 1)) + TimeSpan.FromTicks(o.MaxRetryDelay.Ticks * o.MaxRetries);
                pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = attempts })
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = o.RetryDelay,
                        MaxDelay = o.MaxRetryDelay,
                        ShouldRetryAfterHeader = true,
                    })
                    .AddRateLimiter(new HttpRateLimiterStrategyOptions
                    {
                        Name = "pacing",
                        RateLimiter = args => pacing.AcquireAsync(1, args.Context.CancellationToken),
                    })
                    .AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = o.AttemptTimeout });
            });
        return services;
    }
}
