using MacroLab.Causal.Bootstrap;
using MacroLab.Causal.MetaLearners;
using MacroLab.Causal.Signals;
using MacroLab.Causal.Surprises;

namespace MacroLab.Hosting.Configuration;

/// <summary>A macro surprise, treated as a treatment whose effect on each asset's next returns the X-Learner estimates walk-forward.</summary>
public sealed record TreatmentConfig
{
    /// <summary>The signal set's name (<c>gold/signals/&lt;name&gt;@&lt;variant&gt;</c>); its <c>cate.&lt;asset&gt;</c> columns join the model's features.</summary>
    /// <value>Default: <c>cpi_surprise</c>.</value>
    public string Name { get; set; } = "cpi_surprise";

    /// <summary>The point-in-time feature whose surprise is the treatment.</summary>
    /// <value>Default: <c>CPIAUCSL.yoy</c>.</value>
    public string Feature { get; set; } = "CPIAUCSL.yoy";

    /// <summary>The expectation the surprise is measured against, from earlier values only: <c>previous</c>, <c>mean</c> (rolling) or <c>ar1</c>.</summary>
    /// <value>Default: <c>ar1</c>.</value>
    public string Expectation { get; set; } = "ar1";

    /// <summary>The window of the rolling mean or AR(1) fit, in periods.</summary>
    /// <value>Default: 60.</value>
    public int Window { get; set; } = 60;

    /// <summary>The scaled surprise beyond which a month is treated, in standard deviations of earlier surprises.</summary>
    /// <value>Default: 0.5.</value>
    public double Threshold { get; set; } = 0.5;

    /// <summary><c>binary</c> (surprise up vs not) or <c>three</c> (negative, neutral, positive).</summary>
    /// <value>Default: <c>binary</c>.</value>
    public string Arms { get; set; } = "binary";

    /// <summary>The covariates the effect may vary with.</summary>
    /// <value>Default: the growth and inflation regimes, their z-scores and the market's 12-month volatility.</value>
    public IReadOnlyList<string> Covariates { get; set; } = ["regime.growth", "regime.inflation", "INDPRO.yoy.z120", "CPIAUCSL.yoy.z120", "FF.Mkt-RF.std12"];

    /// <summary>The outcome: each asset's return over this many months after the decision.</summary>
    /// <value>Default: 1.</value>
    public int Horizon { get; set; } = 1;

    /// <summary>Months between refits of the learner.</summary>
    /// <value>Default: 12.</value>
    public int RefitEvery { get; set; } = 12;

    /// <summary>Samples with a realised outcome needed before the first fit.</summary>
    /// <value>Default: 120.</value>
    public int MinTrain { get; set; } = 120;

    /// <summary>The meta-learner: <c>x</c>, <c>t</c> or <c>s</c>.</summary>
    /// <value>Default: <c>x</c>.</value>
    public string Learner { get; set; } = "x";

    /// <summary>
    /// The base learners: <c>linear</c>, <c>gbm</c>, or <c>auto</c> (each regression stage chooses between them by
    /// cross-validation; see <see cref="MacroLab.Causal.MetaLearners.CateEstimators"/>).
    /// </summary>
    /// <value>Default: <c>linear</c>.</value>
    public string Base { get; set; } = "linear";

    /// <summary>The learner's seed; null for the pipeline's <see cref="PipelineConfig.Seed"/>.</summary>
    /// <value>Default: null.</value>
    public int? Seed { get; set; }

    /// <summary>
    /// Bootstrap resamples per refit for the signals' 90 % intervals (<c>cate.&lt;asset&gt;.lower</c> and <c>.upper</c> in
    /// <c>gold/signals</c>; not model inputs); 0 for none. Each resample refits the learner, so the stage takes about
    /// (1 + resamples) times as long: on the bundled data 50 resamples take it from 0.7 s to 8 s.
    /// </summary>
    /// <value>Default: 50.</value>
    public int Bootstrap { get; set; } = 50;

    /// <summary>The fewest resamples that give a usable 90 % percentile interval; <see cref="Bootstrap"/> is 0 or at least this.</summary>
    public const int MinimumBootstrap = 20;

    /// <summary>Whether <paramref name="resamples"/> is a valid <see cref="Bootstrap"/>: 0 (no intervals) or at least <see cref="MinimumBootstrap"/>.</summary>
    public static bool IsValidBootstrap(int resamples) => resamples == 0 || resamples >= MinimumBootstrap;

    /// <summary>The names of <see cref="Expectation"/> and the models they stand for: the one place they are parsed.</summary>
    public static IReadOnlyDictionary<string, ExpectationModel> Expectations { get; } = new Dictionary<string, ExpectationModel>(StringComparer.Ordinal)
    {
        ["previous"] = ExpectationModel.PreviousValue,
        ["mean"] = ExpectationModel.RollingMean,
        ["ar1"] = ExpectationModel.AutoRegressive,
    };

    /// <summary>The names of <see cref="Arms"/> and the arm layouts they stand for: the one place they are parsed.</summary>
    public static IReadOnlyDictionary<string, TreatmentArms> ArmLayouts { get; } = new Dictionary<string, TreatmentArms>(StringComparer.Ordinal)
    {
        ["binary"] = TreatmentArms.Binary,
        ["three"] = TreatmentArms.NegativeNeutralPositive,
    };

    /// <summary>The surprise this treatment defines.</summary>
    /// <exception cref="ArgumentException">The expectation or the arms are not one of the names above.</exception>
    public SurpriseDefinition ToSurprise() => new()
    {
        Feature = Feature,
        Expectation = Expectations.TryGetValue(Expectation, out ExpectationModel model)
            ? model
            : throw new ArgumentException($"expectation is '{Expectation}'; use one of {string.Join(", ", Expectations.Keys)}."),
        Window = Window,
        Threshold = Threshold,
        Arms = ArmLayouts.TryGetValue(Arms, out TreatmentArms arms)
            ? arms
            : throw new ArgumentException($"arms is '{Arms}'; use one of {string.Join(", ", ArmLayouts.Keys)}."),
    };

    /// <summary>How the treatment's signals are fitted through time, with <paramref name="masterSeed"/> unless <see cref="Seed"/> is set.</summary>
    /// <exception cref="ArgumentException">The learner or the base learners are unknown.</exception>
    public WalkForwardSignalOptions ToSignalFits(int masterSeed) => new()
    {
        Horizon = Horizon,
        RefitEvery = RefitEvery,
        MinTrainSamples = MinTrain,
        Estimator = CateEstimators.Create(Learner, Base, new MetaLearnerOptions
        {
            Seed = Seed ?? masterSeed,
            Bootstrap = Bootstrap > 0 ? new BootstrapOptions { Resamples = Bootstrap } : null,
        }),
    };
}
