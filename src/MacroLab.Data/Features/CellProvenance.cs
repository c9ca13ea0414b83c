namespace MacroLab.Data.Features;

/// <summary>Where a feature value at a decision date came from: the newest observation it used, for audits.</summary>
/// <param name="Date">The decision date of the cell.</param>
/// <param name="Feature">The feature column.</param>
/// <param name="Series">The source series.</param>
/// <param name="Period">The latest reference period known at the decision date (the one the value describes).</param>
/// <param name="AvailableAt">The release date of that period's value as used (its latest revision known then).</param>
/// <param name="Vintage">The vintage that value came from, or null.</param>
/// <param name="Timing">How that value's release date was obtained.</param>
/// <param name="StalenessDays">Days from the start of <paramref name="Period"/> to the decision date.</param>
/// <param name="UsesPseudoRealTime">Whether any value the cell used (lags, window) is pseudo-real-time.</param>
/// <param name="UsesEstimatedRelease">Whether any value the cell used has a release date estimated by a lag rule.</param>
public readonly record struct CellProvenance(
    DecisionDate Date,
    string Feature,
    string Series,
    ReferencePeriod Period,
    ReleaseDate AvailableAt,
    string? Vintage,
    ReleaseTiming Timing,
    int StalenessDays,
    bool UsesPseudoRealTime,
    bool UsesEstimatedRelease);
