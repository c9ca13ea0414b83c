namespace MacroLab.Backtest.WalkForward;

/// <summary>
/// How a backtest walks through time. All lengths are in periods of the decision calendar (months for the Gold month-end
/// calendar). A training sample at row s has the label over (s, s+h]; it may train a model tested from row a only if
/// s + purge &lt;= a, so its label is fully realised by the first test decision (purge &gt;= h). Samples within the embargo
/// after a test window never train that split (this matters for combinatorial CV, where training data can follow the test;
/// in walk-forward the training window always precedes the test).
/// </summary>
public sealed record WalkForwardOptions
{
    /// <summary>Expanding (default) or rolling training windows.</summary>
    public TrainingWindowKind Window { get; set; } = TrainingWindowKind.Expanding;

    /// <summary>The minimum number of training samples of the first fold (expanding), or the fixed window (rolling); 120 by default.</summary>
    public int TrainPeriods { get; set; } = 120;

    /// <summary>How many periods each model is used before the next refit, i.e. the retrain step; 12 by default.</summary>
    public int TestPeriods { get; set; } = 12;

    /// <summary>The purge gap in periods; null (default) uses the strategy's label horizon, the minimum allowed.</summary>
    public int? Purge { get; set; }

    /// <summary>Periods after each test window that never train that split; 0 by default.</summary>
    public int Embargo { get; set; }

    /// <summary>The earliest first test date, or null for as early as the training minimum allows.</summary>
    public DateOnly? FirstTestDate { get; set; }

    /// <summary>When set (1-12), test windows start at a decision date in this month, so refits are calendar-aligned (1: every January).</summary>
    public int? AlignToMonth { get; set; }

    /// <summary>When set, combinatorial purged cross-validation replaces walk-forward.</summary>
    public CombinatorialOptions? Combinatorial { get; set; }

    /// <summary>The purge to apply for a strategy with label horizon <paramref name="labelHorizon"/>.</summary>
    public int EffectivePurge(int labelHorizon) => Purge ?? labelHorizon;

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <param name="labelHorizon">The label horizon of the strategy to run, which the purge must cover.</param>
    /// <exception cref="ArgumentException">A field is out of range, or the purge is shorter than the label horizon.</exception>
    public void Validate(int labelHorizon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labelHorizon);
        if (TrainPeriods < 1)
        {
            throw new ArgumentException($"walkForward.{nameof(TrainPeriods)} is {TrainPeriods}; it must be at least 1.");
        }

        if (TestPeriods < 1)
        {
            throw new ArgumentException($"walkForward.{nameof(TestPeriods)} is {TestPeriods}; it must be at least 1.");
        }

        if (Purge is { } purge && purge < labelHorizon)
        {
            throw new ArgumentException($"walkForward.{nameof(Purge)} is {purge} but the strategy's labels span {labelHorizon} periods; the purge must be at least the label horizon, or training labels overlap the test.");
        }

        if (Purge < 0)
        {
            throw new ArgumentException($"walkForward.{nameof(Purge)} is {Purge}; it must not be negative.");
        }

        if (Embargo < 0)
        {
            throw new ArgumentException($"walkForward.{nameof(Embargo)} is {Embargo}; it must not be negative.");
        }

        if (AlignToMonth is < 1 or > 12)
        {
            throw new ArgumentException($"walkForward.{nameof(AlignToMonth)} is {AlignToMonth}; it must be a month from 1 to 12.");
        }

        if (Combinatorial is { } cv && (cv.Groups < 2 || cv.TestGroups < 1 || cv.TestGroups >= cv.Groups))
        {
            throw new ArgumentException($"walkForward.{nameof(Combinatorial)} has {cv.Groups} groups and {cv.TestGroups} test groups; it needs at least 2 groups and 1 <= test groups < groups.");
        }
    }
}
