namespace MacroLab.Registry;

/// <summary>One move of an alias, as kept in its history: who moved it, when, from where to where, and why.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Alias">The alias.</param>
/// <param name="Revision">The alias's revision after this change: 1 for its first, then 2, 3, ... without gaps.</param>
/// <param name="FromVersion">The version it pointed to before, or null when it did not exist.</param>
/// <param name="ToVersion">The version it points to after, or null when the change deleted it.</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why, in the actor's words.</param>
public sealed record AliasChange(
    string Model, string Alias, long Revision, int? FromVersion, int? ToVersion, string Actor, DateTimeOffset At, string Reason);
