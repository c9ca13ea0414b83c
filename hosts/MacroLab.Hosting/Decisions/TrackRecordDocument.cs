namespace MacroLab.Hosting.Decisions;

/// <summary>
/// A book's live track record against its backtest (<c>gold/track/&lt;model&gt;/&lt;book&gt;</c>): the realised returns of
/// its decisions' held weights, where they fall in the backtest's out-of-sample distribution at the same length, a CUSUM
/// of underperformance, and the verdict.
/// </summary>
/// <param name="Model">The registered model.</param>
/// <param name="Book">The book (an alias, or <c>v&lt;N&gt;</c>).</param>
/// <param name="ComparedVersion">The version whose backtest the record is compared with: the one that made the newest decision.</param>
/// <param name="IncludesReplayed">Whether periods after replayed decisions count (they are in-sample for a model trained on them).</param>
/// <param name="Periods">Realised periods that count.</param>
/// <param name="LiveSharpe">Annualised Sharpe ratio of the counted excess returns; null below 2 periods or with no variation.</param>
/// <param name="LiveMaxDrawdown">The deepest fall of the counted net returns' growth, as a positive fraction.</param>
/// <param name="LiveTotalReturn">The compounded net return of the counted periods.</param>
/// <param name="Bands">The backtest's distribution at the record's length; null before the first realised period.</param>
/// <param name="Cusum">The CUSUM of underperformance.</param>
/// <param name="Verdict">waiting, too-short, on-track or underperforming.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Rows">Every realised period of the book, counted or not, oldest first.</param>
public sealed record TrackRecordDocument(
    string Model,
    string Book,
    int ComparedVersion,
    bool IncludesReplayed,
    int Periods,
    double? LiveSharpe,
    double LiveMaxDrawdown,
    double LiveTotalReturn,
    TrackBands? Bands,
    CusumResult Cusum,
    string Verdict,
    string Reason,
    IReadOnlyList<TrackRow> Rows);

/// <summary>The backtest's out-of-sample distribution at the live record's length, by moving-block bootstrap.</summary>
/// <param name="Resamples">Bootstrap paths drawn.</param>
/// <param name="BlockLength">Months per block (keeps the returns' autocorrelation).</param>
/// <param name="BacktestPeriods">Out-of-sample months of the backtest drawn from.</param>
/// <param name="SharpeLow">The 5 % quantile of the paths' Sharpe ratios; null when paths are too short to have one (1 month).</param>
/// <param name="SharpeMedian">Their median.</param>
/// <param name="SharpeHigh">Their 95 % quantile.</param>
/// <param name="SharpePercentile">The share of paths whose Sharpe ratio is at most the live one; null when the live one is undefined.</param>
/// <param name="DrawdownHigh">The 95 % quantile of the paths' maximum drawdowns (a deeper live drawdown is rarer than 1 in 20).</param>
/// <param name="Growth">Per month of the record: the 5 %, 50 % and 95 % quantiles of the paths' growth of 1.</param>
public sealed record TrackBands(
    int Resamples, int BlockLength, int BacktestPeriods, double? SharpeLow, double? SharpeMedian, double? SharpeHigh, double? SharpePercentile, double DrawdownHigh,
    IReadOnlyList<GrowthBand> Growth);

/// <summary>The bootstrap's growth of 1 after <paramref name="Step"/> months.</summary>
/// <param name="Step">Months since the record's start.</param>
/// <param name="Low">The 5 % quantile.</param>
/// <param name="Median">The median.</param>
/// <param name="High">The 95 % quantile.</param>
public sealed record GrowthBand(int Step, double Low, double Median, double High);

/// <summary>
/// A one-sided CUSUM of the live excess returns standardised by the backtest's mean and deviation:
/// S_t = max(0, S_{t-1} - z_t - k), an alarm when S_t exceeds h.
/// </summary>
/// <param name="Allowance">k, in standard deviations.</param>
/// <param name="Threshold">h, in standard deviations.</param>
/// <param name="Latest">S after the newest period.</param>
/// <param name="Maximum">The largest S so far.</param>
/// <param name="Alarms">The realisation dates at which S crossed h from below.</param>
public sealed record CusumResult(double Allowance, double Threshold, double Latest, double Maximum, IReadOnlyList<DateOnly> Alarms)
{
    /// <summary>Whether the shortfall is ongoing: S is above h after the newest period.</summary>
    public bool Alarmed => Latest > Threshold;
}

/// <summary>One realised period of the book.</summary>
/// <param name="Decision">The decision date the weights were traded at.</param>
/// <param name="RealizedAt">When the period's returns were realised.</param>
/// <param name="Version">The version that decided.</param>
/// <param name="Replayed">Whether the decision was replayed.</param>
/// <param name="Counted">Whether the period counts in the record.</param>
/// <param name="Net">The portfolio's return net of the trade's cost.</param>
/// <param name="RiskFree">The risk-free asset's return.</param>
/// <param name="Growth">The growth of 1 over the counted periods so far.</param>
/// <param name="Cusum">S after this period (counted periods only).</param>
public sealed record TrackRow(DateOnly Decision, DateOnly RealizedAt, int Version, bool Replayed, bool Counted, double Net, double RiskFree, double Growth, double Cusum);
