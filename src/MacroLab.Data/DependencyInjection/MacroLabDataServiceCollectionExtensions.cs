using Amazon.S3;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MacroLab data layer: the lake's object store, the <see cref="Lake"/> and the ingest and feature stages.</summary>
public static class MacroLabDataServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IObjectStore"/> (a <see cref="LocalObjectStore"/> or, for <c>s3://</c> lakes, an <see cref="S3ObjectStore"/>
    /// using a registered <see cref="IAmazonS3"/> or one built from the options), <see cref="Lake"/>, <see cref="IngestStage"/>,
    /// <see cref="FeatureStage"/> and <see cref="TimeProvider.System"/>. Existing registrations win. Options are validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; may be null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabData(this IServiceCollection services, Action<MacroLabDataOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MacroLabDataOptions> options = services.AddOptions<MacroLabDataOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services, options);
    }

    /// <summary>As <see cref="AddMacroLabData(IServiceCollection, Action{MacroLabDataOptions})"/>, binding the options from <paramref name="section"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, e.g. <c>MacroLab:Data</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabData(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return AddCore(services, services.AddOptions<MacroLabDataOptions>().Bind(section));
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<MacroLabDataOptions> options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MacroLabDataOptions>, MacroLabDataOptionsValidator>());
        options.Validate(o => MacroLabDataOptionsValidator.ValidateLocation(o).Succeeded, "MacroLabDataOptions.Lake must be a folder path or s3://bucket/prefix.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IObjectStore>(provider =>
        {
            MacroLabDataOptions settings = provider.GetRequiredService<IOptions<MacroLabDataOptions>>().Value;
            LakeLocation location = LakeLocation.Parse(settings.Lake);
            if (!location.IsS3)
            {
                return new LocalObjectStore(location.Folder);
            }

            IAmazonS3 client = provider.GetService<IAmazonS3>() ?? settings.CreateS3Client();
            return new S3ObjectStore(client, location.Bucket, location.Prefix, new S3ObjectStoreOptions { MultipartThreshold = settings.S3MultipartThreshold });
        });
        services.TryAddSingleton(provider => new Lake(provider.GetRequiredService<IObjectStore>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new IngestStage(provider.GetRequiredService<Lake>()));
        services.TryAddSingleton(provider => new FeatureStage(provider.GetRequiredService<Lake>()));
        return services;
    }
}
