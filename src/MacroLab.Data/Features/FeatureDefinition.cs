using System.Globalization;

namespace MacroLab.Data.Features;

/// <summary>
/// One feature column: a series, a transform and an optional trailing-window statistic, computed at each decision date
/// from the series exactly as it was known then (latest period with any release on or before the date, each period at
/// its latest revision released by then).
/// </summary>
/// <param name="Name">The column name.</param>
/// <param name="Series">The source series.</param>
/// <param name="Transform">How values become the feature.</param>
public sealed record FeatureDefinition(string Name, string Series, SeriesTransform Transform = SeriesTransform.Level)
{
    /// <summary>The statistic over a trailing window of transformed values.</summary>
    /// <value>Default: <see cref="WindowStatistic.None"/>.</value>
    public WindowStatistic Window { get; init; } = WindowStatistic.None;

    /// <summary>The number of periods in the window.</summary>
    /// <value>Default: 0 (no window). At least 2 when <see cref="Window"/> is set.</value>
    public int WindowLength { get; init; }

    /// <summary>The least number of known transformed values in the window for a result.</summary>
    /// <value>Default: null, meaning the whole window.</value>
    public int? MinPeriods { get; init; }

    /// <summary>
    /// This feature's staleness limit in days, overriding the feature set's (<see cref="FeatureSet.MaxStalenessDays"/>): a
    /// quarterly series' newest period starts about two months earlier than a monthly one's, so it needs a longer limit.
    /// </summary>
    /// <value>Default: null (the set's limit).</value>
    public int? MaxStalenessDays { get; init; }

    /// <summary>The series' frequency; transforms and windows step one period of it.</summary>
    /// <value>Default: <see cref="Frequency.Monthly"/>. Daily series support only the plain level.</value>
    public Frequency Frequency { get; init; } = Frequency.Monthly;

    /// <summary>The series' FRED-MD transform code as a feature named <c>&lt;series&gt;.tcode&lt;code&gt;</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="transformCode"/> is not 1-7.</exception>
    public static FeatureDefinition FromTransformCode(string series, int transformCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(transformCode, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(transformCode, 7);
        return new FeatureDefinition(string.Create(CultureInfo.InvariantCulture, $"{series}.tcode{transformCode}"), series, (SeriesTransform)transformCode);
    }

    /// <summary>Throws when the definition cannot be computed.</summary>
    /// <exception cref="ArgumentException">A field is out of range, named in the message.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Series))
        {
            throw new ArgumentException($"Feature '{Name}': the name and the series must be non-empty.");
        }

        if (!Enum.IsDefined(Transform))
        {
            throw new ArgumentException($"Feature '{Name}': unknown transform {Transform}.");
        }

        if (Window != WindowStatistic.None && WindowLength < 2)
        {
            throw new ArgumentException($"Feature '{Name}': a {Window} window needs WindowLength >= 2 (got {WindowLength}).");
        }

        if (MaxStalenessDays is < 0)
        {
            throw new ArgumentException($"Feature '{Name}': MaxStalenessDays must be >= 0 (got {MaxStalenessDays}).");
        }

        if (MinPeriods is { } min && (min < 2 || min > WindowLength))
        {
            throw new ArgumentException($"Feature '{Name}': MinPeriods must be from 2 to WindowLength ({WindowLength}), got {min}.");
        }

        if (Frequency == Frequency.Daily && (Transform != SeriesTransform.Level || Window != WindowStatistic.None))
        {
            throw new ArgumentException($"Feature '{Name}': daily series support only the plain level; aggregate them to a regular frequency first.");
        }
    }

    internal bool NeedsHistory => Transform != SeriesTransform.Level || Window != WindowStatistic.None;
}
