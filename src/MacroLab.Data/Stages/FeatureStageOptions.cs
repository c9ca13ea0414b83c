using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Stages;

/// <summary>How the feature stage builds Gold from Silver.</summary>
public sealed class FeatureStageOptions
{
    /// <summary>The default staleness limit: about four months, so a monthly series that has missed a release goes missing instead of being carried forward.</summary>
    public const int DefaultMaxStalenessDays = 124;

    /// <summary>The name of the feature set (and of <c>gold/features/&lt;name&gt;@&lt;variant&gt;</c>) when <see cref="FeatureSet"/> is null.</summary>
    /// <value>Default: <see cref="MacroFeatureSet.DefaultName"/>.</value>
    public string FeatureSetName { get; set; } = MacroFeatureSet.DefaultName;

    /// <summary>The features to compute.</summary>
    /// <value>Default: null, meaning <see cref="MacroFeatureSet.Default"/> over the series in the lake.</value>
    public FeatureSet? FeatureSet { get; set; }

    /// <summary>
    /// The series the default feature set is built from (its transform-code features, headline changes, market windows and
    /// regimes keep only those whose series are listed); ignored when <see cref="FeatureSet"/> is set.
    /// </summary>
    /// <value>Default: null, meaning every series in the lake.</value>
    public IReadOnlyList<string>? Series { get; set; }

    /// <summary>Features added to the default feature set (for example a level or a z-score the defaults do not have); ignored when <see cref="FeatureSet"/> is set.</summary>
    /// <value>Default: none.</value>
    public IReadOnlyList<FeatureDefinition> ExtraFeatures { get; set; } = [];

    /// <summary>What is known before each series' first vintage.</summary>
    /// <value>Default: <see cref="VintagePolicy.FirstVintageBackfill"/>, so that backtests can start decades before the first bundled vintage; the share of pseudo-real-time cells is reported.</value>
    public VintagePolicy VintagePolicy { get; set; } = VintagePolicy.FirstVintageBackfill;

    /// <summary>
    /// The publication lags that date each series' first-vintage values under <see cref="VintagePolicy.FirstVintageBackfill"/>;
    /// the CPI series are dated by <see cref="CpiCalendar"/> where it covers them.
    /// </summary>
    /// <value>Default: <see cref="PublicationLagRules.Default"/>.</value>
    public PublicationLagRules LagRules { get; set; } = PublicationLagRules.Default;

    /// <summary>The staleness limit of the default feature set, in days; null for none.</summary>
    /// <value>Default: <see cref="DefaultMaxStalenessDays"/>.</value>
    public int? MaxStalenessDays { get; set; } = DefaultMaxStalenessDays;

    /// <summary>The decision dates; when null, month ends from <see cref="Start"/> to <see cref="End"/>.</summary>
    /// <value>Default: null.</value>
    public IReadOnlyList<DecisionDate>? DecisionDates { get; set; }

    /// <summary>
    /// The Gold feature set (a name, or <c>name@variant</c>) whose decision dates to use instead of <see cref="DecisionDates"/>
    /// or the month-end calendar: for a set that must line up with another one, such as the same features on revised data
    /// sharing the real-time set's labels.
    /// </summary>
    /// <value>Default: null.</value>
    public string? DecisionDatesOf { get; set; }

    /// <summary>The first month of the month-end calendar.</summary>
    /// <value>Default: null, meaning the month of the earliest release in the lake.</value>
    public DateOnly? Start { get; set; }

    /// <summary>The last month of the month-end calendar.</summary>
    /// <value>Default: null, meaning the month of the latest release in the lake.</value>
    public DateOnly? End { get; set; }

    /// <summary>The assets whose returns and labels are built.</summary>
    /// <value>Default: <see cref="AssetUniverse.Default"/>.</value>
    public AssetUniverse Universe { get; set; } = AssetUniverse.Default;

    /// <summary>
    /// Whether the stage also builds the universe's asset returns and labels; off for a second feature set over the same
    /// dates (the revised-data set that measures what revisions cost), so that two runs never write the same labels.
    /// </summary>
    /// <value>Default: true.</value>
    public bool BuildLabels { get; set; } = true;

    /// <summary>
    /// Fail, writing nothing, when <see cref="BuildLabels"/> is set and the lake lacks a series of the universe's assets
    /// (a <see cref="MissingAssetSeriesException"/>), rather than write the features alone and say why in the result's note.
    /// </summary>
    /// <value>Default: false.</value>
    public bool RequireLabels { get; set; }

    /// <summary>
    /// How often decisions are taken: the default calendar's dates (month ends, Fridays or business days from the first to
    /// the last release), and the periods of the asset returns and labels (<c>fwd&lt;h&gt;m</c>, <c>w</c> or <c>d</c>). A weekly or
    /// daily calendar needs daily asset data.
    /// </summary>
    /// <value>Default: <see cref="DecisionFrequency.MonthEnd"/>.</value>
    public DecisionFrequency Frequency { get; set; } = DecisionFrequency.MonthEnd;

    /// <summary>The label horizons, in decision periods (months on the default calendar).</summary>
    /// <value>Default: 1, 3 and 12.</value>
    public IReadOnlyList<int> LabelHorizonsInMonths { get; set; } = [1, 3, 12];

    /// <summary>The Silver release calendar that dates the CPI series (<see cref="PublicationLagRules.CpiSeries"/>), when present.</summary>
    /// <value>Default: <c>cpi</c>.</value>
    public string CpiCalendar { get; set; } = "cpi";

    /// <summary>Rebuild Gold even when its manifests record the same inputs and parameters.</summary>
    /// <value>Default: false.</value>
    public bool Force { get; set; }
}
