namespace MacroLab.Backtest.Grid;

/// <summary>The constraints a trial must meet to be selectable (as LEAN's optimizer): candidates breaking them are dropped.</summary>
public sealed record GridSearchOptions
{
    /// <summary>The largest acceptable maximum drawdown depth; null for none. 0.5 by default.</summary>
    public double? MaxDrawdown { get; set; } = 0.5;

    /// <summary>The largest acceptable annual one-way turnover; null for none. 12 by default.</summary>
    public double? MaxAnnualTurnover { get; set; } = 12;
}
