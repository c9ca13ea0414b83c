namespace MacroLab.Backtest.Grid;

/// <summary>
/// How a grid selects: where (<see cref="Mode"/>) and under which constraints (as LEAN's optimizer: candidates breaking them
/// are dropped).
/// </summary>
public sealed record GridSearchOptions
{
    /// <summary>Nested (inside the walk-forward, the default) or global (once, with hindsight).</summary>
    public SelectionMode Mode { get; set; } = SelectionMode.Nested;

    /// <summary>
    /// Nested selection: the fewest realised out-of-sample periods a choice may rest on. The selected record starts at the
    /// first refit with that much evidence. 36 by default.
    /// </summary>
    public int MinSelectionPeriods { get; set; } = 36;

    /// <summary>The largest acceptable maximum drawdown depth; null for none. 0.5 by default.</summary>
    public double? MaxDrawdown { get; set; } = 0.5;

    /// <summary>The largest acceptable annual one-way turnover; null for none. 12 by default.</summary>
    public double? MaxAnnualTurnover { get; set; } = 12;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">The message names the field.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"selection.mode {Mode} is unknown; use nested or global.");
        }

        if (MinSelectionPeriods < 2)
        {
            throw new ArgumentException($"selection.minSelectionPeriods is {MinSelectionPeriods}; a choice needs at least 2 periods of evidence.");
        }

        if (MaxDrawdown is { } drawdown && !(drawdown >= 0 && drawdown <= 1))
        {
            throw new ArgumentException($"selection.maxDrawdown is {drawdown}; it must be in [0, 1].");
        }

        if (MaxAnnualTurnover is { } turnover && !(turnover >= 0))
        {
            throw new ArgumentException($"selection.maxAnnualTurnover is {turnover}; it must not be negative.");
        }
    }
}
