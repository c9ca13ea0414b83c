using MacroLab.Causal.Stages;
using MacroLab.Causal.Surprises;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Causal.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_signal_stage_resolves_and_invalid_options_name_the_field()
    {
        using ServiceProvider good = new ServiceCollection()
            .AddMacroLabData(o => o.Lake = _folder.Path)
            .AddMacroLabCausal(o => o.Signals = o.Signals with { Name = "growth_surprise" })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        using ServiceProvider bad = new ServiceCollection()
            .AddMacroLabCausal(o => o.Signals = o.Signals with { Surprise = new SurpriseDefinition { Feature = "x", Window = 0 } })
            .BuildServiceProvider();

        Assert.NotNull(good.GetRequiredService<SignalStage>());
        Assert.Equal("growth_surprise", good.GetRequiredService<IOptions<MacroLabCausalOptions>>().Value.Signals.Name);
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<MacroLabCausalOptions>>().Value);
        Assert.Contains("surprise.window is 0", error.Message, StringComparison.Ordinal);
    }
}
