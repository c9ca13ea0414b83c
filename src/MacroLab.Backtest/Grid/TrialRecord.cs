namespace MacroLab.Backtest.Grid;

/// <summary>
/// A trial's out-of-sample path, decision by decision: what nested selection needs to score the trial on any span of its
/// past and to stitch its decisions into the selected record without fitting anything again.
/// </summary>
public sealed record TrialRecord
{
    /// <summary>The first out-of-sample decision date; decision k is the dataset's row at this date plus k.</summary>
    public required DateOnly FirstDecision { get; init; }

    /// <summary>The return after costs of each decision, realised at the next decision.</summary>
    public required IReadOnlyList<double> NetReturns { get; init; }

    /// <summary>The one-way turnover traded at each decision.</summary>
    public required IReadOnlyList<double> Turnover { get; init; }

    /// <summary>The model's target weights at each decision, row-major (decision k, asset i at k x assets + i).</summary>
    public required IReadOnlyList<double> TargetWeights { get; init; }

    /// <summary>The record of <paramref name="result"/>.</summary>
    public static TrialRecord From(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new TrialRecord
        {
            FirstDecision = result.DecisionDates[0],
            NetReturns = result.NetReturns.Values.ToArray(),
            Turnover = [.. result.Simulation.Turnover],
            TargetWeights = [.. result.TargetWeights],
        };
    }
}
