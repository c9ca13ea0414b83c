namespace MacroLab.Data.Storage;

/// <summary>What <see cref="Lake.VerifyAllAsync"/> found for one dataset.</summary>
/// <param name="Dataset">The dataset path, e.g. <c>gold/features/macro_monthly</c>.</param>
/// <param name="Manifest">Its manifest, or null when the manifest itself cannot be read.</param>
/// <param name="Problem">What is wrong, in words; null when the dataset is intact.</param>
public sealed record DatasetCheck(string Dataset, DatasetManifest? Manifest, string? Problem)
{
    /// <summary>Whether the manifest reads and the content is present with the recorded size and SHA-256.</summary>
    public bool IsIntact => Problem is null;
}
