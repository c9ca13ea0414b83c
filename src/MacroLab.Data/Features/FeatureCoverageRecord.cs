using MacroLab.Data.Sources;

namespace MacroLab.Data.Features;

/// <summary>
/// One row of a Gold coverage dataset (<c>gold/coverage/&lt;set&gt;</c>): <see cref="FeatureYearCoverage"/> with the publication
/// family of the feature's series.
/// </summary>
/// <param name="Feature">The feature column.</param>
/// <param name="Series">The series or concept it is computed from.</param>
/// <param name="Family">The series' publication family.</param>
/// <param name="Year">The year of the decision dates.</param>
/// <param name="Cells">Decision dates in the year.</param>
/// <param name="Known">Cells with a value.</param>
/// <param name="RealTime">Known cells on real-time data only.</param>
/// <param name="PseudoRealTime">Known cells using a pseudo-real-time backfill.</param>
/// <param name="EstimatedRelease">Other known cells using a release date estimated by a lag rule.</param>
public sealed record FeatureCoverageRecord(
    string Feature, string Series, SeriesFamily Family, int Year, int Cells, int Known, int RealTime, int PseudoRealTime, int EstimatedRelease);
