namespace MacroLab.Registry;

/// <summary>A lake dataset a model version was built from, as its manifest recorded it.</summary>
/// <param name="Dataset">The dataset's name in the lake, e.g. <c>gold/features/macro_monthly</c>.</param>
/// <param name="ContentSha256">The digest of the dataset's content in its manifest.</param>
public sealed record LineageDataset(string Dataset, string ContentSha256);
