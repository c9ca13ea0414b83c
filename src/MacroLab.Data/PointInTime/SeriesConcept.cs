namespace MacroLab.Data.PointInTime;

/// <summary>
/// One economic quantity measured by several series: several sources of one statistic (CPI from the Philadelphia Fed's
/// RTDSM and from FRED-MD), or a series and its successor (VXO, then VIX). Features name the concept, and keep their meaning
/// whatever source or vintage supplies the value.
/// </summary>
/// <remarks>
/// <para>Precedence, at each decision date t: the concept's history is that of one member, the <b>primary</b>. Among the members
/// whose newest period known at t is within the staleness limit, one whose newest value comes from a real vintage (not a
/// pseudo-real-time backfill) wins over one whose newest value does not; then the one with the newer period; then the one
/// listed first. When no member is fresh, the one with the newest period stands (its cells are stale).</para>
/// <para>Splicing: a period the primary lacks (history before its start, or a hole) is taken from the other members, in the
/// order listed, each joined to the primary at their earliest common period by its <see cref="SpliceRule"/>. Levels of
/// different sources are never mixed raw: rebasings become ratios, so growth rates survive.</para>
/// <para>Provenance names the member and the vintage of each cell's newest value.</para>
/// </remarks>
/// <param name="Name">The concept's name, used by features (e.g. <c>CPIAUCSL</c>); it may be the name of one of its members.</param>
/// <param name="Members">The members in order of preference.</param>
public sealed record SeriesConcept(string Name, IReadOnlyList<ConceptMember> Members)
{
    /// <summary>Why the concept is declared this way (a source, a succession and its date), for people.</summary>
    public string? Note { get; init; }
}
