using MacroLab.Models;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MacroLab.Models services.</summary>
public static class MacroLabModelsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MacroLabModelsOptions"/> (the default architecture and training options; scorers take theirs from AddMacroLabScoring), validated when
    /// first resolved: an invalid field throws <see cref="OptionsValidationException"/> naming it.
    /// </summary>
    public static IServiceCollection AddMacroLabModels(this IServiceCollection services, Action<MacroLabModelsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MacroLabModelsOptions> options = services.AddOptions<MacroLabModelsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MacroLabModelsOptions>, MacroLabModelsOptionsValidator>());
        return services;
    }
}
