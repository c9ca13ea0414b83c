namespace MacroLab.Hosting.Events;

/// <summary>
/// Something that happened to a model that others act on: a promotion, a rollback, a rejection, drift, live
/// underperformance, a retraining request. Its <see cref="Id"/> names the fact, not the publication, so publishing the same
/// fact twice is recognised as a duplicate.
/// </summary>
/// <param name="Id">The fact's stable identity (e.g. <c>macro_tilt-champion-r3</c> for the alias's third move).</param>
/// <param name="Type">One of <see cref="LabEventTypes"/>.</param>
/// <param name="Model">The registered model.</param>
/// <param name="Version">The version concerned, when one is.</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Actor">Who or what caused it.</param>
/// <param name="Summary">One sentence for people.</param>
/// <param name="Detail">The facts consumers need (alias, from and to versions, drift share, verdict...).</param>
public sealed record LabEvent(
    string Id, string Type, string Model, int? Version, DateTimeOffset At, string Actor, string Summary, IReadOnlyDictionary<string, string> Detail);
