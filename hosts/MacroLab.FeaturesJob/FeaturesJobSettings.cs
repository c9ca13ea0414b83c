using System.Globalization;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Stages;

namespace MacroLab.FeaturesJob;

/// <summary>The job's settings (<c>MacroLab:Features</c>): the options of <c>macrolab features</c>, by configuration key.</summary>
internal sealed class FeaturesJobSettings
{
    /// <summary><c>backfill</c> (first-vintage values known at period + publication lag, flagged pseudo-real-time) or <c>strict</c>.</summary>
    public string Policy { get; set; } = VintagePolicyNames.Backfill;

    /// <summary>A feature is missing when its latest known period started more than this many days before the decision date.</summary>
    public int MaxStalenessDays { get; set; } = FeatureStageOptions.DefaultMaxStalenessDays;

    /// <summary>The first month of the month-end calendar (yyyy-MM), or null for the earliest release.</summary>
    public string? Start { get; set; }

    /// <summary>The last month (yyyy-MM), or null for the latest release.</summary>
    public string? End { get; set; }

    /// <summary>Recompute even when inputs and parameters are unchanged.</summary>
    public bool Force { get; set; }

    /// <summary>The stage options, or an <see cref="ArgumentException"/> naming the bad setting.</summary>
    public FeatureStageOptions ToStageOptions() => new()
    {
        VintagePolicy = VintagePolicyNames.All.Contains(Policy)
            ? VintagePolicyNames.Parse(Policy)
            : throw new ArgumentException($"MacroLab:Features:Policy must be {string.Join(" or ", VintagePolicyNames.All)} (got '{Policy}')."),
        MaxStalenessDays = MaxStalenessDays >= 0 ? MaxStalenessDays : throw new ArgumentException($"MacroLab:Features:MaxStalenessDays must be 0 or more (got {MaxStalenessDays})."),
        Start = Month(Start, nameof(Start)),
        End = Month(End, nameof(End)),
        Force = Force,
    };

    private static DateOnly? Month(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly month) ? month
        : throw new ArgumentException($"MacroLab:Features:{name} must be a month yyyy-MM (got '{text}').");
}
