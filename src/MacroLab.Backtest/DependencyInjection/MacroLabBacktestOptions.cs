using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest;

/// <summary>Defaults for backtests resolved from a service provider.</summary>
public sealed class MacroLabBacktestOptions
{
    /// <summary>Periods per year of the decision calendar; 12 by default.</summary>
    public int PeriodsPerYear { get; set; } = 12;

    /// <summary>Walk-forward options.</summary>
    public WalkForwardOptions WalkForward { get; set; } = new() { TrainPeriods = 120, TestPeriods = 12, AlignToMonth = 1 };

    /// <summary>Simulation options.</summary>
    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>Promotion gates.</summary>
    public GateOptions Gates { get; set; } = new();

    /// <summary>Grid selection constraints.</summary>
    public GridSearchOptions GridSearch { get; set; } = new();

    /// <summary>The most grid trials at once in this process; null for the processor count.</summary>
    public int? MaxParallelism { get; set; }

    /// <summary>The backtest options these defaults describe.</summary>
    public BacktestOptions ToBacktestOptions() => new() { PeriodsPerYear = PeriodsPerYear, WalkForward = WalkForward, Simulation = Simulation };
}
