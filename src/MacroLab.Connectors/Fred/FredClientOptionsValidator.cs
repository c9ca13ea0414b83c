using Microsoft.Extensions.Options;

namespace MacroLab.Connectors.Fred;

/// <summary>Validates <see cref="FredClientOptions"/> at start-up with <see cref="FredClientOptions.Validate"/>'s message.</summary>
internal sealed class FredClientOptionsValidator : IValidateOptions<FredClientOptions>
{
    public ValidateOptionsResult Validate(string? name, FredClientOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }
}
