using System.CommandLine;
using MacroLab.Causal.MetaLearners;
using MacroLab.Causal.Signals;
using MacroLab.Causal.Stages;
using MacroLab.Causal.Surprises;

namespace MacroLab.Cli;

/// <summary>The options of the signal stage shared by <c>signals</c> and <c>run</c>.</summary>
internal sealed class SignalCliOptions
{
    private readonly CateCliOptions _cate = new();

    public Option<string> Name { get; } = new("--signals-name") { Description = "The signal set's name: gold/signals/<name>@<variant> (default cpi_surprise).", DefaultValueFactory = _ => "cpi_surprise", HelpName = "name" };

    public Option<string> Feature { get; } = new("--feature") { Description = "The Gold feature whose surprises are the treatment (default CPIAUCSL.yoy).", DefaultValueFactory = _ => "CPIAUCSL.yoy", HelpName = "column" };

    public Option<string> Expectation { get; } = new("--expectation") { Description = "The expectation: previous, mean (rolling) or ar1 (default).", DefaultValueFactory = _ => "ar1", HelpName = "previous|mean|ar1" };

    public Option<double> Threshold { get; } = new("--threshold") { Description = "The threshold on the surprise in standard deviations of earlier surprises (default 0.5).", DefaultValueFactory = _ => 0.5, HelpName = "sd" };

    public Option<string> Arms { get; } = new("--arms") { Description = "binary (surprise above the threshold vs not; default) or three (negative / neutral / positive).", DefaultValueFactory = _ => "binary", HelpName = "binary|three" };

    public Option<int> Horizon { get; } = new("--horizon") { Description = "The outcome: forward return over this many months (default 1; labels must exist).", DefaultValueFactory = _ => 1, HelpName = "months" };

    public Option<int> RefitEvery { get; } = new("--refit-every") { Description = "Refit every this many month ends (default 12).", DefaultValueFactory = _ => 12, HelpName = "months" };

    public Option<int> MinTrain { get; } = new("--min-train") { Description = "The fewest training samples before the first signal (default 120).", DefaultValueFactory = _ => 120, HelpName = "n" };

    public Option<bool> Force { get; } = new("--force") { Description = "Recompute even if the signals are up to date." };

    public void AddTo(Command command, bool withForce = true)
    {
        foreach (Option option in (Option[])[Name, Feature, Expectation, Threshold, Arms, Horizon, RefitEvery, MinTrain])
        {
            command.Options.Add(option);
        }

        _cate.AddTo(command);
        if (withForce)
        {
            command.Options.Add(Force);
        }
    }

    /// <summary>The defaults of <c>macrolab run</c>: CPI surprises, X-Learner with ridge stages, yearly refits.</summary>
    public SignalStageOptions ToStageOptions(ParseResult parse, bool force)
    {
        ExpectationModel expectation = parse.GetValue(Expectation) switch
        {
            "previous" => ExpectationModel.PreviousValue,
            "mean" => ExpectationModel.RollingMean,
            "ar1" => ExpectationModel.AutoRegressive,
            string other => throw new UsageException($"--expectation must be previous, mean or ar1 (got '{other}')."),
            null => ExpectationModel.AutoRegressive,
        };
        TreatmentArms arms = parse.GetValue(Arms) switch
        {
            "binary" or null => TreatmentArms.Binary,
            "three" => TreatmentArms.NegativeNeutralPositive,
            string other => throw new UsageException($"--arms must be binary or three (got '{other}')."),
        };
        var surprise = new SurpriseDefinition { Feature = parse.GetValue(Feature) ?? "CPIAUCSL.yoy", Expectation = expectation, Threshold = parse.GetValue(Threshold), Arms = arms };
        var walkForward = new WalkForwardSignalOptions
        {
            Horizon = parse.GetValue(Horizon),
            RefitEvery = parse.GetValue(RefitEvery),
            MinTrainSamples = parse.GetValue(MinTrain),
            Estimator = _cate.Create(parse, new MetaLearnerOptions()),
        };
        try
        {
            surprise.Validate();
            walkForward.Validate();
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }

        return new SignalStageOptions
        {
            Name = parse.GetValue(Name) ?? "cpi_surprise",
            Surprise = surprise,
            Signals = walkForward,
            Force = force || parse.GetValue(Force),
        };
    }
}
