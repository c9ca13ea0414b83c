namespace MacroLab.Registry;

/// <summary>Who asks for an alias move and why; both are kept in the alias history.</summary>
/// <param name="Actor">Who makes the change (a user or a service principal).</param>
/// <param name="Reason">Why, e.g. "gates passed in run 2026-11-25" or "rollback: drift on CPI features".</param>
public sealed record AliasChangeRequest(string Actor, string Reason)
{
    /// <summary>
    /// When set, the move happens only if the alias is still at this revision (0: it has never existed), and fails with
    /// <see cref="RegistryConflictException"/> otherwise: a compare-and-set for callers that decided on what they read.
    /// When null, the move applies to whatever the alias points to at that moment.
    /// </summary>
    public long? ExpectedRevision { get; init; }
}
