namespace MacroLab.Hosting.Pipeline;

/// <summary>One stage of the pipeline: its name (as <c>--from</c>/<c>--until</c> take it), what it does, and the stages whose outputs it reads.</summary>
/// <param name="Name">The stage's name.</param>
/// <param name="Description">What it does, in one sentence.</param>
/// <param name="DependsOn">The stages whose lake outputs (or registry entries) it reads.</param>
public sealed record StageDefinition(string Name, string Description, IReadOnlyList<string> DependsOn);
