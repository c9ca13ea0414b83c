using MacroLab.Data.Features;
using MacroLab.Causal.Signals;
using MacroLab.Causal.Surprises;

namespace MacroLab.Causal.Stages;

/// <summary>What the signal stage builds: which surprise, which covariates and outcomes, how it walks forward.</summary>
public sealed record SignalStageOptions
{
    /// <summary>The signal set's name; written to <c>gold/signals/&lt;name&gt;@&lt;variant&gt;</c>. Default <c>cpi_surprise</c>.</summary>
    public string Name { get; init; } = "cpi_surprise";

    /// <summary>
    /// The Gold feature set holding the surprise feature and the covariates: a name, resolved to the lake's only variant of it, or
    /// <c>name@variant</c>. Default <c>macro_monthly</c>.
    /// </summary>
    public string FeatureSet { get; init; } = MacroFeatureSet.DefaultName;

    /// <summary>The universe whose labels are the outcomes: a name, resolved like <see cref="FeatureSet"/>, or <c>name@variant</c>. Default <c>us_macro5</c>.</summary>
    public string Universe { get; init; } = AssetUniverse.DefaultName;

    /// <summary>The treatment: surprises of year-over-year CPI inflation against an AR(1) expectation, above half a standard deviation.</summary>
    public SurpriseDefinition Surprise { get; init; } = new() { Feature = "CPIAUCSL.yoy" };

    /// <summary>The covariates the effect may depend on: the growth/inflation regime, their z-scores and market volatility.</summary>
    public IReadOnlyList<string> Covariates { get; init; } = ["regime.growth", "regime.inflation", "INDPRO.yoy.z120", "CPIAUCSL.yoy.z120", "FF.Mkt-RF.std12"];

    /// <summary>The assets whose forward returns are the outcomes; null for every asset with a label of the horizon.</summary>
    public IReadOnlyList<string>? Assets { get; init; }

    /// <summary>The decision calendar the Gold tables were built on: the outcome is the label <c>&lt;asset&gt;.fwd&lt;horizon&gt;m</c> (or <c>w</c>, <c>d</c>).</summary>
    /// <value>Default: <see cref="MacroLab.Data.PointInTime.DecisionFrequency.MonthEnd"/>.</value>
    public MacroLab.Data.PointInTime.DecisionFrequency Frequency { get; init; } = MacroLab.Data.PointInTime.DecisionFrequency.MonthEnd;

    /// <summary>Horizon, refit cadence, window and estimator.</summary>
    public WalkForwardSignalOptions Signals { get; init; } = new();

    /// <summary>Recompute even when the output is up to date.</summary>
    public bool Force { get; init; }
}
