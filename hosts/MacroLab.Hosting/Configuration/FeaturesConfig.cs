using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Stages;

namespace MacroLab.Hosting.Configuration;

/// <summary>How the feature stage builds Gold: which series and transforms, the time model, the calendar and the labels.</summary>
public sealed record FeaturesConfig
{
    /// <summary>The feature set's name (<c>gold/features/&lt;name&gt;@&lt;variant&gt;</c>).</summary>
    /// <value>Default: <c>macro_monthly</c>.</value>
    public string Name { get; set; } = MacroFeatureSet.DefaultName;

    /// <summary>
    /// The series the default features are built from (FRED-MD transform codes, headline year-over-year changes and their
    /// z-scores, market windows, growth/inflation regimes); null for every series in the lake.
    /// </summary>
    /// <value>Default: null.</value>
    public IReadOnlyList<string>? Series { get; set; }

    /// <summary>Features added to the defaults: a series with a transform and an optional window statistic.</summary>
    /// <value>Default: none.</value>
    public IReadOnlyList<ExtraFeatureConfig> Extra { get; set; } = [];

    /// <summary>What is known before each series' first vintage: <c>backfill</c> (the first vintage counts as known at period + publication lag; such cells are flagged pseudo-real-time) or <c>strict</c>.</summary>
    /// <value>Default: <c>backfill</c>.</value>
    public string Policy { get; set; } = VintagePolicyNames.Backfill;

    /// <summary>A feature whose newest known period began more than this many days before the decision is missing; null for no limit.</summary>
    /// <value>Default: 124 (<see cref="FeatureStageOptions.DefaultMaxStalenessDays"/>).</value>
    public int? MaxStalenessDays { get; set; } = FeatureStageOptions.DefaultMaxStalenessDays;

    /// <summary>The first month of the month-end decision calendar; null for the earliest release.</summary>
    /// <value>Default: null.</value>
    public DateOnly? Start { get; set; }

    /// <summary>The last month of the calendar; null for the latest release.</summary>
    /// <value>Default: null.</value>
    public DateOnly? End { get; set; }

    /// <summary>The forward-return label horizons, in months.</summary>
    /// <value>Default: 1, 3 and 12.</value>
    public IReadOnlyList<int> LabelHorizons { get; set; } = [1, 3, 12];
}
