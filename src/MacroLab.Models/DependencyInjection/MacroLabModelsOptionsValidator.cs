using Microsoft.Extensions.Options;

namespace MacroLab.Models;

/// <summary>Validates <see cref="MacroLabModelsOptions"/> with the checks training runs at start.</summary>
internal sealed class MacroLabModelsOptionsValidator : IValidateOptions<MacroLabModelsOptions>
{
    public ValidateOptionsResult Validate(string? name, MacroLabModelsOptions options)
    {
        try
        {
            options.Model.Validate();
            options.Training.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail($"MacroLabModelsOptions: {error.Message}");
        }
    }
}
