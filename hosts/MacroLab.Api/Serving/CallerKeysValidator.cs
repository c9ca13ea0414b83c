using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>Refuses to start with caller keys that are not a JSON object of names to keys of 16 characters or more (the message never quotes a key).</summary>
internal sealed class CallerKeysValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            ApiCallers.Parse(options.CallerKeys);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }
}
