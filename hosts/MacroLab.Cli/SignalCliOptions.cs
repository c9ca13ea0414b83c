using System.CommandLine;
using System.Globalization;
using MacroLab.Causal.Stages;
using MacroLab.Hosting.Configuration;

namespace MacroLab.Cli;

/// <summary>
/// The flags of <c>macrolab signals</c>: each one a field of the pipeline's <see cref="TreatmentConfig"/>, with its default,
/// so that the verb and <c>macrolab run</c> build the signal stage the same way (<see cref="TreatmentConfig.ToSurprise"/>,
/// <see cref="TreatmentConfig.ToSignalFits"/>).
/// </summary>
internal sealed class SignalCliOptions
{
    private static readonly TreatmentConfig Defaults = new();

    private readonly CateCliOptions _cate = new();

    public Option<string> Name { get; } = new("--signals-name") { Description = $"The signal set's name: gold/signals/<name>@<variant> (default {Defaults.Name}).", DefaultValueFactory = _ => Defaults.Name, HelpName = "name" };

    public Option<string> Feature { get; } = new("--feature") { Description = $"The Gold feature whose surprises are the treatment (default {Defaults.Feature}).", DefaultValueFactory = _ => Defaults.Feature, HelpName = "column" };

    public Option<string> Expectation { get; } = new("--expectation")
    {
        Description = $"The expectation: previous, mean (rolling) or ar1 (default {Defaults.Expectation}).",
        DefaultValueFactory = _ => Defaults.Expectation,
        HelpName = string.Join('|', TreatmentConfig.Expectations.Keys),
    };

    public Option<double> Threshold { get; } = new("--threshold")
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"The threshold on the surprise in standard deviations of earlier surprises (default {Defaults.Threshold})."),
        DefaultValueFactory = _ => Defaults.Threshold,
        HelpName = "sd",
    };

    public Option<string> Arms { get; } = new("--arms")
    {
        Description = $"binary (surprise above the threshold vs not) or three (negative / neutral / positive); default {Defaults.Arms}.",
        DefaultValueFactory = _ => Defaults.Arms,
        HelpName = string.Join('|', TreatmentConfig.ArmLayouts.Keys),
    };

    public Option<int> Horizon { get; } = new("--horizon") { Description = $"The outcome: forward return over this many months (default {Defaults.Horizon}; labels must exist).", DefaultValueFactory = _ => Defaults.Horizon, HelpName = "months" };

    public Option<int> RefitEvery { get; } = new("--refit-every") { Description = $"Refit every this many month ends (default {Defaults.RefitEvery}).", DefaultValueFactory = _ => Defaults.RefitEvery, HelpName = "months" };

    public Option<int> MinTrain { get; } = new("--min-train") { Description = $"The fewest training samples before the first signal (default {Defaults.MinTrain}).", DefaultValueFactory = _ => Defaults.MinTrain, HelpName = "n" };

    public Option<int> Bootstrap { get; } = new("--bootstrap")
    {
        Description = $"Bootstrap resamples per refit for each signal's 90 % interval (cate.<asset>.lower/.upper); 0 for none (default {Defaults.Bootstrap}).",
        DefaultValueFactory = _ => Defaults.Bootstrap,
        HelpName = "n",
    };

    public Option<bool> Force { get; } = new("--force") { Description = "Recompute even if the signals are up to date." };

    public void AddTo(Command command, bool withForce = true)
    {
        foreach (Option option in (Option[])[Name, Feature, Expectation, Threshold, Arms, Horizon, RefitEvery, MinTrain, Bootstrap])
        {
            command.Options.Add(option);
        }

        _cate.AddTo(command);
        if (withForce)
        {
            command.Options.Add(Force);
        }
    }

    /// <summary>The signal stage's options: the pipeline's treatment with the flags given, on the lake's default features.</summary>
    public SignalStageOptions ToStageOptions(ParseResult parse, bool force)
    {
        TreatmentConfig treatment = Defaults with
        {
            Name = parse.GetValue(Name) ?? Defaults.Name,
            Feature = parse.GetValue(Feature) ?? Defaults.Feature,
            Expectation = parse.GetValue(Expectation) ?? Defaults.Expectation,
            Threshold = parse.GetValue(Threshold),
            Arms = parse.GetValue(Arms) ?? Defaults.Arms,
            Horizon = parse.GetValue(Horizon),
            RefitEvery = parse.GetValue(RefitEvery),
            MinTrain = parse.GetValue(MinTrain),
            Learner = parse.GetValue(_cate.Learner) ?? Defaults.Learner,
            Base = parse.GetValue(_cate.Base) ?? Defaults.Base,
            Seed = parse.GetValue(_cate.Seed),
            Bootstrap = parse.GetValue(Bootstrap),
        };
        try
        {
            if (!TreatmentConfig.IsValidBootstrap(treatment.Bootstrap))
            {
                throw new ArgumentException($"--bootstrap is {treatment.Bootstrap}; use 0 (no intervals) or at least {TreatmentConfig.MinimumBootstrap} resamples.");
            }

            var options = new SignalStageOptions
            {
                Name = treatment.Name,
                Surprise = treatment.ToSurprise(),
                Covariates = treatment.Covariates,
                Signals = treatment.ToSignalFits(PipelineConfig.DefaultSeed),
                Force = force || parse.GetValue(Force),
            };
            options.Surprise.Validate();
            options.Signals.Validate();
            return options;
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }
    }
}
