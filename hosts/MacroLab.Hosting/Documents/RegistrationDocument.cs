using MacroLab.Registry;

namespace MacroLab.Hosting.Documents;

/// <summary>The register stage's record (<c>registration.json</c>): which registry version holds the run's model.</summary>
/// <param name="Model">The registered model's name.</param>
/// <param name="Version">Its version number.</param>
/// <param name="Registry">Where the registry keeps its records.</param>
/// <param name="Fingerprint">The fingerprint of everything the version was made from (its tag <c>macrolab.fingerprint</c>).</param>
/// <param name="Passed">Whether every gate passed.</param>
/// <param name="Artifacts">Its artifacts with their SHA-256.</param>
public sealed record RegistrationDocument(string Model, int Version, string Registry, string Fingerprint, bool Passed, IReadOnlyList<ArtifactRecord> Artifacts);
