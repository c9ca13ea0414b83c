using MacroLab.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers how MacroLab's ONNX scorers run.</summary>
public static class MacroLabScoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OnnxScorerOptions"/> (ONNX Runtime threads per call, the largest batch per run) as options, validated
    /// at start-up; a host that loads <see cref="OnnxTiltScorer"/>s reads them from <see cref="IOptions{TOptions}"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; may be null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabScoring(this IServiceCollection services, Action<OnnxScorerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<OnnxScorerOptions> options = services.AddOptions<OnnxScorerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services, options);
    }

    /// <summary>As <see cref="AddMacroLabScoring(IServiceCollection, Action{OnnxScorerOptions})"/>, binding the options from <paramref name="section"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, e.g. <c>MacroLab:Scoring</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMacroLabScoring(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return AddCore(services, services.AddOptions<OnnxScorerOptions>().Bind(section));
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<OnnxScorerOptions> options)
    {
        options.Validate(o => o.IntraOpThreads >= 1, "OnnxScorerOptions.IntraOpThreads must be at least 1.")
            .Validate(o => o.MaxBatchSize >= 1, "OnnxScorerOptions.MaxBatchSize must be at least 1.")
            .ValidateOnStart();
        return services;
    }
}
