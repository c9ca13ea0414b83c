namespace MacroLab.Hosting.Decisions;

/// <summary>What the <c>decide</c> and <c>track</c> stages work on beyond the configuration: which book, and whether to replay history.</summary>
public sealed record DecisionOptions
{
    /// <summary>
    /// Decide with this registry version, in its own paper book (<c>v&lt;N&gt;</c>), instead of with whichever version
    /// holds the configuration's alias (the alias's book). Null: the alias.
    /// </summary>
    public int? Version { get; init; }

    /// <summary>
    /// Fill an empty book with a decision at every Gold decision date from this date to <see cref="ReplayUntil"/>, each
    /// before the newest date marked <see cref="Scoring.Decisions.PortfolioDecision.Replayed"/> (the model decides with
    /// data it may have been trained on).
    /// Null: decide at the newest date only, catching up the month ends missed since the book's last decision.
    /// </summary>
    public DateOnly? ReplayFrom { get; init; }

    /// <summary>The last date of a replay (null: the newest Gold date). Decisions before the newest date are marked replayed.</summary>
    public DateOnly? ReplayUntil { get; init; }

    /// <summary>Count replayed decisions in the track record (labelled as such); by default only live decisions count.</summary>
    public bool TrackReplayed { get; init; }

    /// <summary>Bootstrap paths drawn from the backtest's out-of-sample months for the track record's bands (2000).</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>Months per bootstrap block (6): blocks keep the returns' autocorrelation.</summary>
    public int BlockLength { get; init; } = 6;

    /// <summary>The CUSUM's allowance k, in the backtest's standard deviations of monthly excess return (0.5: tuned to a shift of one deviation).</summary>
    public double CusumAllowance { get; init; } = 0.5;

    /// <summary>The CUSUM's alarm threshold h, in standard deviations (5: about 900 months between false alarms when the live record is the backtest's).</summary>
    public double CusumThreshold { get; init; } = 5;

    /// <summary>Realised periods before the record's Sharpe and drawdown are judged against the bands (12); the CUSUM judges from the first.</summary>
    public int MinimumPeriods { get; init; } = 12;

    /// <summary>The book's name: the alias, or <c>v&lt;N&gt;</c> for a pinned version.</summary>
    /// <param name="alias">The configuration's alias.</param>
    public string Book(string alias) => Version is { } v ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v{v}") : alias;
}
