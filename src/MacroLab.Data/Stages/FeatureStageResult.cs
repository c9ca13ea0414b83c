using MacroLab.Data.Features;

namespace MacroLab.Data.Stages;

/// <summary>The outcome of the feature stage.</summary>
/// <param name="Status">Whether Gold was written or already up to date.</param>
/// <param name="Datasets">The Gold datasets of the run.</param>
/// <param name="DecisionDates">The number of decision dates.</param>
/// <param name="FirstDate">The first decision date, or null.</param>
/// <param name="LastDate">The last decision date, or null.</param>
/// <param name="Columns">The number of feature columns.</param>
/// <param name="Coverage">How much of the feature table is known and how much is pseudo-real-time.</param>
/// <param name="Series">The input series, by name.</param>
/// <param name="Note">Why asset returns and labels were not built, or null when they were.</param>
public sealed record FeatureStageResult(
    DatasetStatus Status,
    IReadOnlyList<string> Datasets,
    int DecisionDates,
    DecisionDate? FirstDate,
    DecisionDate? LastDate,
    int Columns,
    FeatureCoverage Coverage,
    IReadOnlyList<SeriesSummary> Series,
    string? Note);
