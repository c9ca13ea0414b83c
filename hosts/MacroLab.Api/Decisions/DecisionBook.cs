using MacroLab.Api.Serving;
using MacroLab.Data.Storage;
using MacroLab.Scoring.Decisions;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Decisions;

/// <summary>
/// The decision book of the alias the API serves (<c>gold/decisions/&lt;model&gt;/&lt;alias&gt;</c>, written by
/// <c>macrolab decide</c>), read from the lake and kept until its manifest names other content.
/// </summary>
internal sealed class DecisionBook(Lake lake, IOptions<ServingOptions> options)
{
    private volatile Cached? _cached;

    /// <summary>The book's dataset.</summary>
    public string Dataset => DecisionLog.Dataset(options.Value.Model, options.Value.Alias);

    /// <summary>The book, or null when nothing has decided yet.</summary>
    /// <exception cref="InvalidDataException">The book's content is not a decision log.</exception>
    public async Task<DecisionLog?> ReadAsync(CancellationToken cancellationToken)
    {
        if (await lake.GetManifestAsync(Dataset, cancellationToken).ConfigureAwait(false) is not { } manifest)
        {
            return null;
        }

        if (_cached is { } cached && cached.Sha256 == manifest.ContentSha256)
        {
            return cached.Log;
        }

        DecisionLog log = DecisionLogJson.Deserialize(await lake.ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false), manifest.DataKey);
        _cached = new Cached(manifest.ContentSha256, log);
        return log;
    }

    /// <summary>A parsed book and the content it was parsed from (one reference, so requests on other threads see both or neither).</summary>
    private sealed record Cached(string Sha256, DecisionLog Log);
}
