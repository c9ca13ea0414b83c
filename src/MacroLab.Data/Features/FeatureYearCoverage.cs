namespace MacroLab.Data.Features;

/// <summary>
/// How one feature column is known over one year of decision dates, and on what: a known cell rests on real-time data
/// (every value it used came with its publication date, from a vintage or the source), on a pseudo-real-time backfill (if any
/// value it used is one), or else on a release date estimated by a lag rule (market data without vintages).
/// </summary>
/// <param name="Feature">The feature column.</param>
/// <param name="Series">The series (or concept) it is computed from; <see cref="FeatureTable.DerivedSeries"/> for a column derived from others.</param>
/// <param name="Year">The year of the decision dates.</param>
/// <param name="Cells">Decision dates in the year.</param>
/// <param name="Known">Cells with a value.</param>
/// <param name="RealTime">Known cells resting on real-time data only.</param>
/// <param name="PseudoRealTime">Known cells using a pseudo-real-time (first-vintage backfill) value.</param>
/// <param name="EstimatedRelease">Other known cells using a value dated by a publication-lag rule.</param>
public sealed record FeatureYearCoverage(string Feature, string Series, int Year, int Cells, int Known, int RealTime, int PseudoRealTime, int EstimatedRelease);
