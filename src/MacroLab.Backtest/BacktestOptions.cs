using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest;

/// <summary>Everything that defines a backtest besides the data and the strategy.</summary>
public sealed record BacktestOptions
{
    /// <summary>Periods per year of the decision calendar (12 for the Gold month ends); never inferred.</summary>
    public required int PeriodsPerYear { get; init; }

    /// <summary>How the backtest walks through time.</summary>
    public WalkForwardOptions WalkForward { get; init; } = new();

    /// <summary>Costs, leverage and rebalancing.</summary>
    public SimulationOptions Simulation { get; init; } = new();

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <param name="labelHorizon">The label horizon of the strategy to run.</param>
    /// <param name="assetCount">The number of assets.</param>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate(int labelHorizon, int assetCount)
    {
        if (PeriodsPerYear < 1)
        {
            throw new ArgumentException($"{nameof(PeriodsPerYear)} is {PeriodsPerYear}; it must be at least 1 (12 for monthly decisions).");
        }

        ArgumentNullException.ThrowIfNull(WalkForward, nameof(WalkForward));
        ArgumentNullException.ThrowIfNull(Simulation, nameof(Simulation));
        WalkForward.Validate(labelHorizon);
        Simulation.Validate(assetCount);
    }
}
