namespace MacroLab.Data.PointInTime;

/// <summary>What a point-in-time join may know before a series' first vintage was published.</summary>
public enum VintagePolicy
{
    /// <summary>
    /// A vintage's values exist only from the vintage's release. With few vintages (the bundled FRED-MD ones start in
    /// 2019-10) nothing is known before the first one.
    /// </summary>
    Strict,

    /// <summary>
    /// The values of each series' earliest vintage count as known from reference period + publication lag (when that is
    /// before the vintage's release), and each such value is marked pseudo-real-time (<see cref="ReleaseTiming.Backfilled"/>):
    /// it is the value as that vintage reports it, revisions included. Later vintages are never used before their release.
    /// This lets backtests start decades before the first vintage; reports state the share of pseudo-real-time cells.
    /// </summary>
    FirstVintageBackfill,

    /// <summary>
    /// Every value at its latest revision in the data, counted as known from reference period + publication lag and marked
    /// pseudo-real-time: what a backtest on today's revised data implicitly assumes. Look-ahead by construction; it exists
    /// to measure what revisions are worth (the same pipeline on real-time and on revised data), never for research.
    /// </summary>
    LatestRevision,
}
