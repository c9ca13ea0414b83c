namespace MacroLab.Data;

/// <summary>How an observation's <see cref="Observation.AvailableAt"/> was obtained, so that audits can tell real-time data from approximations.</summary>
public enum ReleaseTiming : byte
{
    /// <summary>The source states when the value was published: a vintage's release, a release calendar, an explicit <c>available_at</c>.</summary>
    Published = 0,

    /// <summary>
    /// The source has no release dates: <c>available_at</c> comes from a conservative publication-lag rule and the value is the
    /// one the source holds today, which may include later revisions.
    /// </summary>
    Estimated = 1,

    /// <summary>
    /// Pseudo-real-time: a value of a series' earliest vintage moved back to reference period + publication lag by the
    /// <see cref="PointInTime.VintagePolicy.FirstVintageBackfill"/> policy. The value is as revised by that vintage, not as first published.
    /// </summary>
    Backfilled = 2,
}
