namespace MacroLab.Hosting.Configuration;

/// <summary>
/// The lockbox: the last months of the record, held out of every backtest, selection and gate of the run, and opened
/// only when a candidate has passed every other gate and is about to be promoted. Each opening is recorded in the
/// registry's trial ledger, so looking again with another candidate on the same data is counted.
/// </summary>
public sealed record LockboxConfig
{
    /// <summary>How many of the last decision months are held out; 0 switches the lockbox off.</summary>
    /// <value>Default: 36.</value>
    public int Periods { get; set; } = 36;

    /// <summary>When set, a gate: the candidate's annualised Sharpe ratio on the lockbox must reach it; null reports only.</summary>
    /// <value>Default: null.</value>
    public double? MinSharpe { get; set; }
}
