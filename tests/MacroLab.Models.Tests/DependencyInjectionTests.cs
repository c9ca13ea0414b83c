using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Models.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void Options_are_configured_and_validated_naming_the_field()
    {
        using ServiceProvider good = new ServiceCollection().AddMacroLabModels(o => o.Training.Seed = 7).BuildServiceProvider();
        Assert.Equal(7, good.GetRequiredService<IOptions<MacroLabModelsOptions>>().Value.Training.Seed);

        using ServiceProvider bad = new ServiceCollection().AddMacroLabModels(o => o.Model.Head.GrossLimit = 0).BuildServiceProvider();
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<MacroLabModelsOptions>>().Value);
        Assert.Contains("head.GrossLimit", error.Message, StringComparison.Ordinal);
    }
}
