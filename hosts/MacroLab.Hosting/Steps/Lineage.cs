using MacroLab.Data.Storage;
using MacroLab.Registry;

namespace MacroLab.Hosting.Steps;

/// <summary>The chain of lake datasets behind a set of outputs, from their manifests' inputs down to the raw Bronze files.</summary>
internal static class Lineage
{
    /// <summary>
    /// Every dataset the <paramref name="roots"/> rest on (the roots included), each with the digest its consumer recorded,
    /// in path order. A manifest whose content changed since is not followed further (its recorded digest still stands).
    /// </summary>
    public static async Task<IReadOnlyList<LineageDataset>> ClosureAsync(Lake lake, IEnumerable<DatasetManifest> roots, CancellationToken cancellationToken)
    {
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<DatasetInput>(roots.Select(r => new DatasetInput(r.Dataset, r.ContentSha256)));
        while (pending.TryDequeue(out DatasetInput? input))
        {
            if (!seen.TryAdd(input.Dataset, input.ContentSha256))
            {
                continue;
            }

            if (await lake.GetManifestAsync(input.Dataset, cancellationToken).ConfigureAwait(false) is { } manifest
                && string.Equals(manifest.ContentSha256, input.ContentSha256, StringComparison.Ordinal))
            {
                foreach (DatasetInput next in manifest.Inputs)
                {
                    pending.Enqueue(next);
                }
            }
        }

        return [.. seen.Select(p => new LineageDataset(p.Key, p.Value))];
    }
}
