namespace MacroLab.Backtest.Gates;

/// <summary>
/// The thresholds a backtest must meet for its model to be promoted. A null threshold switches that gate off. Defaults are
/// deliberately demanding for monthly macro strategies; tune them per mandate.
/// </summary>
public sealed record GateOptions
{
    /// <summary>Minimum annualised out-of-sample Sharpe ratio (net of costs, in excess of the risk-free rate); 0.3 by default.</summary>
    public double? MinSharpe { get; set; } = 0.3;

    /// <summary>Maximum drawdown depth as a positive decimal (0.3 = 30%); 0.3 by default.</summary>
    public double? MaxDrawdown { get; set; } = 0.3;

    /// <summary>Maximum annualised one-way turnover (4 = the portfolio turns over four times a year); 4 by default.</summary>
    public double? MaxAnnualTurnover { get; set; } = 4;

    /// <summary>
    /// Minimum Deflated Sharpe Ratio (the probability that the true Sharpe ratio is positive after the number of trials);
    /// 0.95 by default. With a single trial the DSR equals PSR(0).
    /// </summary>
    public double? MinDeflatedSharpe { get; set; } = 0.95;

    /// <summary>Minimum number of out-of-sample periods; 60 by default (five years of months).</summary>
    public int? MinPeriods { get; set; } = 60;

    /// <summary>
    /// Relative gate against the benchmarks: the candidate must beat the best benchmark (the highest Sharpe ratio over the
    /// same out-of-sample months) with a one-sided p-value below this level (<see cref="Metrics.SharpeDifferenceTest"/>);
    /// 0.05 by default.
    /// </summary>
    public double? BenchmarkSignificance { get; set; } = 0.05;

    /// <summary>
    /// Relative gate against the current champion: the candidate must not be worse over the same months at this level (it
    /// fails when the one-sided p-value of "worse" is below it); 0.05 by default. Passes when there is no champion.
    /// </summary>
    public double? ChampionSignificance { get; set; } = 0.05;

    /// <summary>Throws when a threshold is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A threshold is not finite or out of its range.</exception>
    public void Validate()
    {
        if (MinSharpe is { } sharpe && !double.IsFinite(sharpe))
        {
            throw new ArgumentException($"gates.{nameof(MinSharpe)} must be finite.");
        }

        if (MaxDrawdown is { } drawdown && !(drawdown is >= 0 and <= 1))
        {
            throw new ArgumentException($"gates.{nameof(MaxDrawdown)} is {drawdown}; it must be a decimal in [0, 1].");
        }

        if (MaxAnnualTurnover is { } turnover && !(turnover >= 0 && double.IsFinite(turnover)))
        {
            throw new ArgumentException($"gates.{nameof(MaxAnnualTurnover)} is {turnover}; it must be finite and non-negative.");
        }

        if (MinDeflatedSharpe is { } dsr && !(dsr is >= 0 and <= 1))
        {
            throw new ArgumentException($"gates.{nameof(MinDeflatedSharpe)} is {dsr}; it is a probability in [0, 1].");
        }

        if (BenchmarkSignificance is { } benchmark && !(benchmark is > 0 and < 1))
        {
            throw new ArgumentException($"gates.{nameof(BenchmarkSignificance)} is {benchmark}; it is a significance level in (0, 1).");
        }

        if (ChampionSignificance is { } champion && !(champion is > 0 and < 1))
        {
            throw new ArgumentException($"gates.{nameof(ChampionSignificance)} is {champion}; it is a significance level in (0, 1).");
        }

        if (MinPeriods is < 2)
        {
            throw new ArgumentException($"gates.{nameof(MinPeriods)} is {MinPeriods}; it must be at least 2.");
        }
    }
}
