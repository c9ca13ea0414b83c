using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MacroLab.Backtest.DependencyInjection;

/// <summary>Registers MacroLab.Backtest services.</summary>
public static class MacroLabBacktestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MacroLabBacktestOptions"/>, an <see cref="ITrialExecutor"/> (in-process, bounded by
    /// <see cref="MacroLabBacktestOptions.MaxParallelism"/>) and the <see cref="BacktestStage"/> (which needs the
    /// <see cref="Lake"/> of <c>AddMacroLabData</c>). Options are validated when first resolved.
    /// </summary>
    public static IServiceCollection AddMacroLabBacktest(this IServiceCollection services, Action<MacroLabBacktestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MacroLabBacktestOptions> options = services.AddOptions<MacroLabBacktestOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o =>
        {
            o.ToBacktestOptions().Validate(0, o.Simulation.CostBps?.Count ?? 1);
            o.Gates.Validate();
            return o.MaxParallelism is null or >= 1;
        }, "MacroLabBacktestOptions.MaxParallelism must be at least 1.");
        services.TryAddSingleton<ITrialExecutor>(provider => new InProcessTrialExecutor(provider.GetRequiredService<IOptions<MacroLabBacktestOptions>>().Value.MaxParallelism));
        services.TryAddSingleton(provider => new BacktestStage(provider.GetRequiredService<Lake>(), provider.GetRequiredService<ITrialExecutor>()));
        return services;
    }
}
