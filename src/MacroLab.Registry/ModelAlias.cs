namespace MacroLab.Registry;

/// <summary>A named pointer (champion, challenger, ...) to one READY version of a model.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Alias">The alias.</param>
/// <param name="Version">The version it points to.</param>
/// <param name="Revision">How many times it has been set or deleted (the revision of its latest change in the history).</param>
/// <param name="UpdatedAt">When it was last moved.</param>
/// <param name="UpdatedBy">Who last moved it.</param>
public sealed record ModelAlias(string Model, string Alias, int Version, long Revision, DateTimeOffset UpdatedAt, string UpdatedBy);
