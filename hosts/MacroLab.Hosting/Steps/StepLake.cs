using MacroLab.Data.Storage;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Steps;

/// <summary>How the pipeline's own stages read their inputs (whether to skip is <see cref="StepRun"/>'s).</summary>
internal static class StepLake
{
    /// <summary>A dataset's manifest and verified content, or an error saying which stage makes it.</summary>
    public static async Task<(DatasetManifest Manifest, byte[] Content)> ReadAsync(PipelineContext context, string dataset, string stage, CancellationToken cancellationToken)
    {
        DatasetManifest manifest = await context.RequireAsync(dataset, stage, cancellationToken).ConfigureAwait(false);
        return (manifest, await context.Lake.ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The input record of a manifest.</summary>
    public static DatasetInput Input(DatasetManifest manifest) => new(manifest.Dataset, manifest.ContentSha256);
}
