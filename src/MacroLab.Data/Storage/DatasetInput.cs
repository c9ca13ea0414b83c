namespace MacroLab.Data.Storage;

/// <summary>An input of a dataset: its path and the SHA-256 of its content when it was used.</summary>
/// <param name="Dataset">The input dataset's path.</param>
/// <param name="ContentSha256">Its content digest.</param>
public sealed record DatasetInput(string Dataset, string ContentSha256);
