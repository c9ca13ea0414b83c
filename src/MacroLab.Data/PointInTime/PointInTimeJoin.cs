using MacroLab.Data.Features;

namespace MacroLab.Data.PointInTime;

/// <summary>
/// Point-in-time as-of joins and feature computation: at each decision date, only what had been published by then.
/// </summary>
/// <remarks>
/// The rule, stated once: at decision date t, for each series, take the latest reference period that has any observation
/// with available_at &lt;= t (inclusive), valued at its latest revision with available_at &lt;= t. Vintage files supply
/// revisions: with vintages, the value used is the one of the newest vintage published by t that holds that period.
/// Apply a <see cref="VintagePolicy"/> first (<see cref="ObservationSet.WithVintagePolicy"/>) to decide what is known before
/// the first vintage.
/// </remarks>
public static class PointInTimeJoin
{
    /// <summary>
    /// The wide as-of table: one row per decision date, one column per series (ordinal order), each cell the series'
    /// value by the rule above, missing when nothing is known yet or when the latest known period started more than
    /// <paramref name="maxStalenessDays"/> days before the date.
    /// </summary>
    /// <param name="observations">The observations with release dates.</param>
    /// <param name="decisionDates">Decision dates, strictly increasing.</param>
    /// <param name="maxStalenessDays">The staleness limit in days; null for none.</param>
    /// <exception cref="ArgumentException">Dates are not strictly increasing, or <paramref name="maxStalenessDays"/> is negative.</exception>
    public static FeatureTable AsOf(ObservationSet observations, IReadOnlyList<DecisionDate> decisionDates, int? maxStalenessDays = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(decisionDates);
        FeatureDefinition[] levels = [.. observations.Series.Select(s => new FeatureDefinition(s, s) { Frequency = Frequency.Daily })];
        var set = new FeatureSet("asof", levels) { MaxStalenessDays = maxStalenessDays };
        return PointInTimeEngine.Compute(observations, [.. decisionDates], set);
    }

    /// <summary>Computes <paramref name="features"/> at each decision date from the data known then.</summary>
    /// <param name="observations">The observations with release dates (after the vintage policy).</param>
    /// <param name="decisionDates">Decision dates, strictly increasing.</param>
    /// <param name="features">The feature set.</param>
    /// <param name="concepts">
    /// The concepts the features' series names may stand for (several sources of one quantity, a series and its successor);
    /// null when every name is a series.
    /// </param>
    /// <exception cref="ArgumentException">The feature set is invalid, names a series that is absent, or dates are not increasing.</exception>
    public static FeatureTable Compute(ObservationSet observations, IReadOnlyList<DecisionDate> decisionDates, FeatureSet features, SeriesConcepts? concepts = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(decisionDates);
        ArgumentNullException.ThrowIfNull(features);
        return PointInTimeEngine.Compute(observations, [.. decisionDates], features, concepts);
    }
}
