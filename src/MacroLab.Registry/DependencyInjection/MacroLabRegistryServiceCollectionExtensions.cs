using Amazon;
using Amazon.DynamoDBv2;
using MacroLab.Data;
using MacroLab.Data.Storage;
using MacroLab.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MacroLab model registry.</summary>
public static class MacroLabRegistryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IModelRegistry"/>: SQLite inside the lake by default, or DynamoDB (using a registered
    /// <see cref="IAmazonDynamoDB"/>, or one built from the options and owned by the container), with artifacts in the
    /// lake's <see cref="IObjectStore"/> (register it with <c>AddMacroLabData</c>). Existing registrations win; options are
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; may be null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabRegistry(this IServiceCollection services, Action<MacroLabRegistryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MacroLabRegistryOptions> options = services.AddOptions<MacroLabRegistryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services, options);
    }

    /// <summary>As <see cref="AddMacroLabRegistry(IServiceCollection, Action{MacroLabRegistryOptions})"/>, binding the options from <paramref name="section"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, e.g. <c>MacroLab:Registry</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabRegistry(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return AddCore(services, services.AddOptions<MacroLabRegistryOptions>().Bind(section));
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<MacroLabRegistryOptions> options)
    {
        options.Validate(o => !string.IsNullOrWhiteSpace(o.ArtifactPrefix), "MacroLabRegistryOptions.ArtifactPrefix must not be empty.")
            .Validate(o => o.Backend != RegistryBackend.DynamoDb || !string.IsNullOrWhiteSpace(o.DynamoDbTable), "MacroLabRegistryOptions.DynamoDbTable must be set for the DynamoDb backend.")
            .Validate(o => o.DynamoDbServiceUrl is null || Uri.TryCreate(o.DynamoDbServiceUrl, UriKind.Absolute, out _), "MacroLabRegistryOptions.DynamoDbServiceUrl must be an absolute URL.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Resolved only for the DynamoDB backend; the container owns (and disposes) a client it built.
        services.TryAddSingleton<IAmazonDynamoDB>(provider => CreateClient(provider.GetRequiredService<IOptions<MacroLabRegistryOptions>>().Value));
        services.TryAddSingleton<IModelRegistry>(provider => Create(provider, provider.GetRequiredService<IOptions<MacroLabRegistryOptions>>().Value));
        return services;
    }

    private static ModelRegistry Create(IServiceProvider provider, MacroLabRegistryOptions options)
    {
        IObjectStore store = provider.GetRequiredService<IObjectStore>();
        TimeProvider time = provider.GetRequiredService<TimeProvider>();
        if (options.Backend == RegistryBackend.DynamoDb)
        {
            IAmazonDynamoDB client = provider.GetRequiredService<IAmazonDynamoDB>();
            CreateTableIfAsked(client, options);
            return ModelRegistry.OpenDynamoDb(client, options.DynamoDbTable, store, time, options.ArtifactPrefix);
        }

        string path = options.SqlitePath ?? DefaultSqlitePath(provider);
        return ModelRegistry.OpenSqlite(path, store, time, options.ArtifactPrefix);
    }

    private static void CreateTableIfAsked(IAmazonDynamoDB client, MacroLabRegistryOptions options)
    {
        if (options.CreateDynamoDbTable)
        {
            // Service factories are synchronous; this runs once, at first resolution, for development set-ups.
            DynamoDbRegistryTable.CreateIfMissingAsync(client, options.DynamoDbTable).GetAwaiter().GetResult();
        }
    }

    private static string DefaultSqlitePath(IServiceProvider provider)
    {
        string lake = provider.GetService<IOptions<MacroLabDataOptions>>()?.Value.Lake
            ?? throw new OptionsValidationException(nameof(MacroLabRegistryOptions), typeof(MacroLabRegistryOptions), ["MacroLabRegistryOptions.SqlitePath is not set and no lake is registered (AddMacroLabData)."]);
        LakeLocation location = LakeLocation.Parse(lake);
        return location.Folder is { } folder
            ? Path.Combine(folder, MacroLabRegistryOptions.DefaultSqliteFile)
            : throw new OptionsValidationException(nameof(MacroLabRegistryOptions), typeof(MacroLabRegistryOptions),
                [$"The lake {lake} is on S3, where an embedded SQLite registry cannot live: use the DynamoDb backend, or set SqlitePath to a local file."]);
    }

    private static AmazonDynamoDBClient CreateClient(MacroLabRegistryOptions options)
    {
        var config = new AmazonDynamoDBConfig();

        // As for S3: an explicit endpoint takes the region for signing only, since setting RegionEndpoint clears ServiceURL.
        if (options.DynamoDbServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.DynamoDbRegion ?? "us-east-1";
        }
        else if (options.DynamoDbRegion is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonDynamoDBClient(config);
    }
}
