namespace MacroLab.Api.Serving;

/// <summary>What one refresh did to a slot (served or shadow).</summary>
/// <param name="Slot">"primary" or "shadow".</param>
/// <param name="Alias">The alias followed.</param>
/// <param name="From">The version served before, or null.</param>
/// <param name="To">The version served after, or null.</param>
/// <param name="Error">Why the alias's version could not be loaded (the previous version stays), or null.</param>
public sealed record ModelSwitch(string Slot, string Alias, int? From, int? To, string? Error);
