namespace MacroLab.Registry;

/// <summary>A registered model: a name under which versions are numbered 1, 2, 3, ... without gaps.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Description">What the model is for, or null.</param>
/// <param name="Tags">Free-form tags.</param>
/// <param name="CreatedAt">When the model was registered.</param>
/// <param name="LatestVersion">The highest version number allocated so far (0 before the first version).</param>
public sealed record RegisteredModel(
    string Name, string? Description, IReadOnlyDictionary<string, string> Tags, DateTimeOffset CreatedAt, int LatestVersion);
