using MacroLab.Backtest;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MacroLab.Backtest services.</summary>
public static class MacroLabBacktestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MacroLabBacktestOptions"/> (validated when first resolved: an invalid field throws
    /// <see cref="OptionsValidationException"/> naming it), an <see cref="ITrialExecutor"/> (in-process, bounded by
    /// <see cref="MacroLabBacktestOptions.MaxParallelism"/>) and the <see cref="BacktestStage"/>, which needs the
    /// <see cref="Lake"/> of <c>AddMacroLabData</c>.
    /// </summary>
    public static IServiceCollection AddMacroLabBacktest(this IServiceCollection services, Action<MacroLabBacktestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MacroLabBacktestOptions> options = services.AddOptions<MacroLabBacktestOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MacroLabBacktestOptions>, MacroLabBacktestOptionsValidator>());
        services.TryAddSingleton<ITrialExecutor>(provider => new InProcessTrialExecutor(provider.GetRequiredService<IOptions<MacroLabBacktestOptions>>().Value.MaxParallelism));
        services.TryAddSingleton(provider => new BacktestStage(provider.GetRequiredService<Lake>(), provider.GetRequiredService<ITrialExecutor>()));
        return services;
    }
}
