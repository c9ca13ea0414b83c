using MacroLab.Telemetry;
using Amazon.S3;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Ingest.Lambda.Ingest;
using MacroLab.Ingest.Lambda.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MacroLab.Ingest.Lambda;

/// <summary>
/// The function's composition: configuration from the environment (<c>MacroLab__Data__Lake=s3://bucket/prefix</c>, ...),
/// JSON logs on stdout (CloudWatch), the ingest handler, and the runtime loop against <c>AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
internal static class IngestFunction
{
    public static async Task<int> RunAsync(string? runtimeApi, CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            await Console.Error.WriteLineAsync("MacroLab.Ingest.Lambda runs inside AWS Lambda (custom runtime): AWS_LAMBDA_RUNTIME_API is not set. Locally, use `macrolab ingest`.").ConfigureAwait(false);
            return 2;
        }

        using ILoggerFactory logging = LoggerFactory.Create(b => b.AddMacroLabJsonConsole());
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var runtime = new LambdaRuntime(new LambdaRuntimeClient(http, runtimeApi), TimeProvider.System, logging.CreateLogger("MacroLab.Ingest.Lambda"));
        ServiceProvider? services = null;
        try
        {
            return await runtime.RunAsync(() =>
            {
                services = Compose(new ConfigurationBuilder().AddEnvironmentVariables().Build());
                return services.GetRequiredService<ILambdaHandler>();
            }, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            if (services is not null)
            {
                await services.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The services of the function; resolving the handler validates the settings (an init error names the bad one).</summary>
    public static ServiceProvider Compose(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        IConfigurationSection data = configuration.GetSection("MacroLab:Data");
        services.AddMacroLabData(data);
        services.AddSingleton<IAmazonS3>(provider => provider.GetRequiredService<IOptions<MacroLabDataOptions>>().Value.CreateS3Client());
        services.AddSingleton(_ => new FredClientSource(configuration));
        services.AddSingleton<ILambdaHandler>(provider =>
        {
            // The S3 client of raw buckets is built on the first S3 event: an inline payload into a local lake needs none
            // (and resolving credentials outside AWS can wait on the instance metadata endpoint).
            return new IngestHandler(provider.GetRequiredService<IngestStage>(), provider.GetRequiredService<IObjectStore>().Location,
                bucket => new S3ObjectStore(provider.GetRequiredService<IAmazonS3>(), bucket),
                provider.GetRequiredService<FredClientSource>().GetAsync);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
