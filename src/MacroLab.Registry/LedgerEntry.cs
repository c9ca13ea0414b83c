namespace MacroLab.Registry;

/// <summary>
/// One entry of the lab-wide trial ledger: a trial evaluated, or a lockbox opened, on a data lineage. Entries are keyed by
/// (lineage, kind, key) and written once: recording the same trial again (a re-run) changes nothing, so the ledger counts
/// every distinct trial ever evaluated on the same data, whichever run or configuration evaluated it.
/// </summary>
public sealed record LedgerEntry
{
    /// <summary>The data lineage: a digest of the Gold datasets the trial was evaluated on (the same data, the same lineage).</summary>
    public required string Lineage { get; init; }

    /// <summary>Trial or lockbox opening.</summary>
    public required LedgerEntryKind Kind { get; init; }

    /// <summary>What was evaluated: a digest of the strategy, its parameters, its inputs and the backtest, unique within the lineage and kind.</summary>
    public required string Key { get; init; }

    /// <summary>Where it was evaluated: the run or backtest name, e.g. <c>macro_tilt</c> or <c>macro_tilt/ablations/without-signals</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The strategy.</summary>
    public required string Strategy { get; init; }

    /// <summary>Its parameters.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The per-period (not annualised) Sharpe ratio out of sample, the input of the Deflated Sharpe Ratio.</summary>
    public required double PerPeriodSharpe { get; init; }

    /// <summary>The number of out-of-sample periods.</summary>
    public required int Periods { get; init; }

    /// <summary>When the registry first recorded it (set by the registry).</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Who recorded it.</summary>
    public string RecordedBy { get; init; } = string.Empty;
}
