using Microsoft.Extensions.Options;

namespace MacroLab.Causal;

/// <summary>Validates <see cref="MacroLabCausalOptions"/> with the checks the stage runs at start.</summary>
internal sealed class MacroLabCausalOptionsValidator : IValidateOptions<MacroLabCausalOptions>
{
    public ValidateOptionsResult Validate(string? name, MacroLabCausalOptions options)
    {
        try
        {
            options.Signals.Surprise.Validate();
            options.Signals.Signals.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail($"MacroLabCausalOptions: {error.Message}");
        }
    }
}
