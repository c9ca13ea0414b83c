using MacroLab.Causal;
using MacroLab.Causal.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MacroLab.Causal services.</summary>
public static class MacroLabCausalServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MacroLabCausalOptions"/> (validated when first resolved; an invalid field throws
    /// <see cref="OptionsValidationException"/> naming it) and the <see cref="SignalStage"/>, which needs the <see cref="Lake"/>
    /// of <c>AddMacroLabData</c>.
    /// </summary>
    public static IServiceCollection AddMacroLabCausal(this IServiceCollection services, Action<MacroLabCausalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MacroLabCausalOptions> options = services.AddOptions<MacroLabCausalOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MacroLabCausalOptions>, MacroLabCausalOptionsValidator>());
        services.TryAddSingleton(provider => new SignalStage(provider.GetRequiredService<Lake>()));
        return services;
    }
}
