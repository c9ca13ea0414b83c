namespace MacroLab.Backtest.Grid;

/// <summary>How a grid picks the trial whose record is reported.</summary>
public enum SelectionMode
{
    /// <summary>
    /// Inside the walk-forward (the default): at each refit the trial with the best record over the months already realised
    /// is chosen to trade the next test window, so the reported out-of-sample record includes the selection step.
    /// </summary>
    Nested,

    /// <summary>
    /// Once, over the whole out-of-sample record (the highest mean fold Sharpe): the record then contains the look-ahead of
    /// choosing with hindsight, and reports label it as such.
    /// </summary>
    Global,
}
