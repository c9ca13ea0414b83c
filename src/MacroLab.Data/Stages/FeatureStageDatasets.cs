namespace MacroLab.Data.Stages;

/// <summary>The keys of the Gold datasets one feature stage definition writes (see <see cref="FeatureStage.Datasets"/>).</summary>
/// <param name="Features">The feature table, <c>gold/features/&lt;set&gt;@&lt;variant&gt;</c>.</param>
/// <param name="Provenance">Its per-cell provenance.</param>
/// <param name="Coverage">Its real-time coverage by feature and year.</param>
/// <param name="Assets">The universe's monthly returns (written when labels are built).</param>
/// <param name="Labels">The universe's forward-return labels at the same decision dates (written when labels are built).</param>
public sealed record FeatureStageDatasets(string Features, string Provenance, string Coverage, string Assets, string Labels)
{
    /// <summary>The feature set as the other stages name it: <c>&lt;set&gt;@&lt;variant&gt;</c>.</summary>
    public string FeatureSet => LastSegment(Features);

    /// <summary>The labels as the other stages name them: <c>&lt;universe&gt;@&lt;variant&gt;</c>.</summary>
    public string Universe => LastSegment(Labels);

    private static string LastSegment(string dataset) => dataset[(dataset.LastIndexOf('/') + 1)..];
}
