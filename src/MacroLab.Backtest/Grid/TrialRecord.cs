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

    /// <summary>Equal when every field holds the same values (the lists are compared element by element).</summary>
    public bool Equals(TrialRecord? other) =>
        other is not null && FirstDecision == other.FirstDecision && NetReturns.SequenceEqual(other.NetReturns)
        && Turnover.SequenceEqual(other.Turnover) && TargetWeights.SequenceEqual(other.TargetWeights);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FirstDecision, NetReturns.Count, NetReturns.Count > 0 ? NetReturns[^1] : 0, TargetWeights.Count);

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
