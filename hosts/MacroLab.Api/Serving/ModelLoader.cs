using MacroLab.Scoring;
using MacroLab.Registry;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Serving;

/// <summary>Loads the version an alias points to from the registry (artifact checksums verified) and warms it up.</summary>
internal sealed class ModelLoader(IModelRegistry registry, IOptions<OnnxScorerOptions> scoring, ILogger<ModelLoader> logger)
{
    /// <summary>The version <paramref name="alias"/> points to now.</summary>
    /// <exception cref="ModelNotFoundException">The model or alias does not exist.</exception>
    public Task<ModelVersion> ResolveAsync(string model, string alias, CancellationToken cancellationToken) =>
        registry.ResolveAsync(ModelReference.OfAlias(model, alias), cancellationToken);

    /// <summary>
    /// Downloads <c>model.onnx</c> and the model card of <paramref name="version"/>, opens an ONNX Runtime session, and checks it:
    /// the graph's features and assets must match the card, and scoring the card's input example must reproduce its outputs to
    /// <paramref name="tolerance"/>. Only a version that passes is returned.
    /// </summary>
    /// <exception cref="InvalidDataException">An artifact is missing or inconsistent, or the warm-up disagrees with the card.</exception>
    /// <exception cref="ArtifactIntegrityException">A stored artifact differs from its recorded SHA-256.</exception>
    public async Task<ServedModel> LoadAsync(ModelVersion version, string alias, double tolerance, CancellationToken cancellationToken)
    {
        string source = $"{version.Name}:{version.Version}";
        if (version.Status != ModelVersionStatus.Ready)
        {
            throw new InvalidDataException($"{source} is {version.Status}; only READY versions are served.");
        }

        ArtifactRecord onnx = version.Artifact(ModelArtifacts.OnnxFileName)
            ?? throw new InvalidDataException($"{source} has no {ModelArtifacts.OnnxFileName} artifact (it has {string.Join(", ", version.Artifacts.Select(a => a.Name))}).");
        byte[] bytes = await registry.DownloadArtifactAsync(version.Name, version.Version, ModelArtifacts.OnnxFileName, cancellationToken).ConfigureAwait(false);
        OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(bytes, scoring.Value, $"{source}/{ModelArtifacts.OnnxFileName}");
        try
        {
            InputExample? example = null;
            InputImputer? imputer = null;
            if (version.Artifact(ModelArtifacts.CardFileName) is not null)
            {
                byte[] cardBytes = await registry.DownloadArtifactAsync(version.Name, version.Version, ModelArtifacts.CardFileName, cancellationToken).ConfigureAwait(false);
                ModelCard card = ModelCardJson.Deserialize(cardBytes, $"{source}/{ModelArtifacts.CardFileName}");
                if (!card.FeatureNames.SequenceEqual(scorer.FeatureNames, StringComparer.Ordinal) || !card.Assets.SequenceEqual(scorer.Assets, StringComparer.Ordinal))
                {
                    throw new InvalidDataException($"{source}: the ONNX graph's features or assets differ from its model card's.");
                }

                example = card.InputExample;
                imputer = card.InputMeans.Count == card.FeatureNames.Count ? card.Imputer() : null;
            }

            double difference = WarmUp(scorer, example, source, tolerance);
            logger.LogInformation("Loaded {Model}:{Version} through '{Alias}' ({Features} features x lookback {Lookback} -> {Assets} assets, sha256 {Sha256}); warm-up |difference| {Difference:E2}",
                version.Name, version.Version, alias, scorer.FeatureNames.Count, scorer.Lookback, scorer.Assets.Count, onnx.Sha256, difference);
            return new ServedModel(version.Name, version.Version, alias, onnx.Sha256, scorer, imputer);
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
    }

    /// <summary>Scores the card's example (<see cref="OnnxParity"/>, as the promotion gate does) or a row of zeros; returns the largest |difference| from the card.</summary>
    private static double WarmUp(OnnxTiltScorer scorer, InputExample? example, string source, double tolerance)
    {
        if (example is null || example.Inputs.Count == 0)
        {
            float[] zeros = scorer.Score(new float[scorer.RowWidth]);
            return zeros.All(float.IsFinite) ? 0 : throw new InvalidDataException($"{source}: the warm-up on a row of zeros gave non-finite tilts.");
        }

        double difference = OnnxParity.MaxDifference(scorer, example);
        return difference <= tolerance
            ? difference
            : throw new InvalidDataException($"{source}: the warm-up reproduced the model card's example only to {difference:E2} (tolerance {tolerance:E2}); the version is not served.");
    }
}
