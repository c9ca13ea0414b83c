using System.Globalization;
using MacroLab.Backtest.Reporting;
using MacroLab.Hosting.Pipeline;
using MacroLab.Registry;
using MacroLab.Scoring;

namespace MacroLab.Hosting.Decisions;

/// <summary>The registry version that decides for a book, with what deciding needs: its card, ONNX file, backtest and tilt scale.</summary>
internal sealed record BookModel(ModelVersion Version, ModelCard Card, byte[] Onnx, BacktestRecord Results, double TiltScale)
{
    /// <summary>
    /// The version of <paramref name="version"/>, or the one holding <paramref name="alias"/>; null when the alias is not
    /// set (no champion yet: nothing decides).
    /// </summary>
    /// <exception cref="InvalidDataException">The pinned version does not exist, is not ready, or lacks an artifact.</exception>
    public static async Task<BookModel?> LoadAsync(PipelineContext context, string alias, int? version, CancellationToken cancellationToken)
    {
        string model = context.ModelName;
        ModelVersion? chosen;
        if (version is { } pinned)
        {
            chosen = await context.Registry.GetVersionAsync(model, pinned, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The registry {context.Registry.Location} has no version {pinned} of {model}."));
        }
        else
        {
            IReadOnlyList<ModelAlias> aliases = await context.Registry.GetAliasesAsync(model, cancellationToken).ConfigureAwait(false);
            if (aliases.FirstOrDefault(a => string.Equals(a.Alias, alias, StringComparison.Ordinal)) is not { } held)
            {
                return null;
            }

            chosen = await context.Registry.GetVersionAsync(model, held.Version, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{alias} points at {model}:{held.Version}, which the registry does not have."));
        }

        string source = string.Create(CultureInfo.InvariantCulture, $"{model}:{chosen.Version}");
        if (chosen.Status != ModelVersionStatus.Ready)
        {
            throw new InvalidDataException($"{source} is {chosen.Status}, not Ready; only a ready version decides.");
        }

        async Task<byte[]> Download(string artifact) => chosen.Artifact(artifact) is null
            ? throw new InvalidDataException($"{source} has no {artifact} artifact (it has {string.Join(", ", chosen.Artifacts.Select(a => a.Name))}).")
            : await context.Registry.DownloadArtifactAsync(model, chosen.Version, artifact, cancellationToken).ConfigureAwait(false);

        ModelCard card = ModelCardJson.Deserialize(await Download(ModelArtifacts.CardFileName).ConfigureAwait(false), $"{source}/{ModelArtifacts.CardFileName}");
        byte[] onnx = await Download(ModelArtifacts.OnnxFileName).ConfigureAwait(false);
        BacktestRecord results = BacktestJson.Deserialize(await Download(ResultsArtifact).ConfigureAwait(false), $"{source}/{ResultsArtifact}");
        if (!results.Parameters.TryGetValue("tiltScale", out string? text)
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double tiltScale) || !double.IsFinite(tiltScale) || tiltScale < 0)
        {
            throw new InvalidDataException($"{source}/{ResultsArtifact}: the selected trial's parameters have no valid tiltScale (got '{text}'), so its tilts cannot be turned into weights.");
        }

        return new BookModel(chosen, card, onnx, results, tiltScale);
    }

    /// <summary>The artifact holding the version's backtest (the selected trial's parameters and out-of-sample record).</summary>
    public const string ResultsArtifact = "results.json";
}
