namespace MacroLab.Data;

/// <summary>
/// One published number: the value of <paramref name="Series"/> for <paramref name="Period"/>, known from
/// <paramref name="AvailableAt"/>. Several observations of one (series, period) with different release dates are
/// revisions; (series, period, available_at) identifies an observation.
/// </summary>
/// <param name="Series">The series mnemonic, e.g. <c>CPIAUCSL</c>.</param>
/// <param name="Period">The reference period the value describes.</param>
/// <param name="Value">The value, finite, in the source's units.</param>
/// <param name="AvailableAt">The day the value became public.</param>
/// <param name="Vintage">The vintage label it came from (e.g. <c>2023-06</c>), or null.</param>
/// <param name="Timing">How <paramref name="AvailableAt"/> was obtained.</param>
public readonly record struct Observation(
    string Series,
    ReferencePeriod Period,
    double Value,
    ReleaseDate AvailableAt,
    string? Vintage = null,
    ReleaseTiming Timing = ReleaseTiming.Published)
{
    /// <summary>Whether the value is pseudo-real-time (<see cref="ReleaseTiming.Backfilled"/>).</summary>
    public bool IsPseudoRealTime => Timing == ReleaseTiming.Backfilled;
}
