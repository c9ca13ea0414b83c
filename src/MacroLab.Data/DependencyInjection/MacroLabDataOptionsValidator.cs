using MacroLab.Data.Storage;
using Microsoft.Extensions.Options;

namespace MacroLab.Data;

/// <summary>Validates <see cref="MacroLabDataOptions"/> at start-up: data annotations (source-generated) and the lake location.</summary>
[OptionsValidator]
internal sealed partial class MacroLabDataOptionsValidator : IValidateOptions<MacroLabDataOptions>
{
    /// <summary>Adds the lake-location check to the generated annotation checks.</summary>
    public static ValidateOptionsResult ValidateLocation(MacroLabDataOptions options)
    {
        try
        {
            LakeLocation.Parse(options.Lake);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException error)
        {
            return ValidateOptionsResult.Fail($"MacroLabDataOptions.Lake: {error.Message}");
        }
    }
}
