using Microsoft.Extensions.Options;

namespace MacroLab.Backtest;

/// <summary>Validates <see cref="MacroLabBacktestOptions"/> with the same checks the backtest runs at start.</summary>
internal sealed class MacroLabBacktestOptionsValidator : IValidateOptions<MacroLabBacktestOptions>
{
    public ValidateOptionsResult Validate(string? name, MacroLabBacktestOptions options)
    {
        try
        {
            options.ToBacktestOptions().Validate(0, options.Simulation.CostBps?.Count ?? 1);
            options.Gates.Validate();
            if (options.MaxParallelism is < 1)
            {
                return ValidateOptionsResult.Fail($"MacroLabBacktestOptions.MaxParallelism is {options.MaxParallelism}; it must be at least 1.");
            }

            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail($"MacroLabBacktestOptions: {error.Message}");
        }
    }
}
