namespace MacroLab.Backtest.Grid;

/// <summary>What a finished trial measured out of sample; small enough to persist and to send between machines.</summary>
public sealed record TrialOutcome
{
    /// <summary>The trial.</summary>
    public required TrialSpec Trial { get; init; }

    /// <summary>The mean of the folds' annualised Sharpe ratios: what selection maximises.</summary>
    public required double? MeanFoldSharpe { get; init; }

    /// <summary>The annualised Sharpe ratio of the stitched out-of-sample record.</summary>
    public required double? Sharpe { get; init; }

    /// <summary>The per-period Sharpe ratio of the stitched record: what the Deflated Sharpe Ratio is computed from.</summary>
    public required double? PerPeriodSharpe { get; init; }

    /// <summary>The geometric annual return of the stitched record; null for outcomes stored before it was recorded.</summary>
    public double? AnnualReturn { get; init; }

    /// <summary>The maximum drawdown depth.</summary>
    public required double MaxDrawdown { get; init; }

    /// <summary>The annualised one-way turnover.</summary>
    public required double AnnualTurnover { get; init; }

    /// <summary>The number of out-of-sample periods.</summary>
    public required int Periods { get; init; }

    /// <summary>
    /// The out-of-sample path, decision by decision, that nested selection scores and stitches; null where only the summary is
    /// kept (the trials listed in <c>results.json</c>).
    /// </summary>
    public TrialRecord? Record { get; init; }

    /// <summary>The outcome of a backtest result.</summary>
    public static TrialOutcome From(TrialSpec trial, BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(result);
        return new TrialOutcome
        {
            Trial = trial,
            MeanFoldSharpe = result.MeanFoldSharpe,
            Sharpe = result.Metrics.Sharpe,
            PerPeriodSharpe = result.Metrics.PerPeriodSharpe,
            AnnualReturn = result.Metrics.AnnualReturn,
            MaxDrawdown = result.Metrics.MaxDrawdown.Depth,
            AnnualTurnover = result.Trading.AnnualTurnover,
            Periods = result.Metrics.Periods,
            Record = TrialRecord.From(result),
        };
    }
}
