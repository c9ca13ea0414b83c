using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Stages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Backtest.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_stage_and_a_bounded_executor_resolve_with_the_configured_options()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMacroLabData(o => o.Lake = _folder.Path)
            .AddMacroLabBacktest(o =>
            {
                o.MaxParallelism = 1;
                o.Gates.MinSharpe = 0.5;
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.NotNull(provider.GetRequiredService<BacktestStage>());
        Assert.Equal(1, Assert.IsType<InProcessTrialExecutor>(provider.GetRequiredService<ITrialExecutor>()).MaxDegreeOfParallelism);
        Assert.Equal(0.5, provider.GetRequiredService<IOptions<MacroLabBacktestOptions>>().Value.Gates.MinSharpe);
    }

    [Fact]
    public void Invalid_options_fail_when_first_resolved_naming_the_field()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMacroLabBacktest(o => o.WalkForward.TestPeriods = 0)
            .BuildServiceProvider();

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MacroLabBacktestOptions>>().Value);

        Assert.Contains("walkForward.TestPeriods is 0", error.Message, StringComparison.Ordinal);
    }
}
