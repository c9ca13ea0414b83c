using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>Validates <see cref="ServingOptions"/> at start-up (source-generated data-annotation checks), so a bad setting stops the process naming the field.</summary>
[OptionsValidator]
internal sealed partial class ServingOptionsValidator : IValidateOptions<ServingOptions>;
