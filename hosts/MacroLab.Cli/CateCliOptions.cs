using System.CommandLine;
using MacroLab.Causal.MetaLearners;
using MacroLab.Hosting.Configuration;

namespace MacroLab.Cli;

/// <summary>The choice of meta-learner and base learner, shared by <c>cate</c> and <c>signals</c>.</summary>
internal sealed class CateCliOptions
{
    public Option<string> Learner { get; } = new("--learner")
    {
        Description = "The meta-learner: x (X-Learner, default), t or s.",
        DefaultValueFactory = _ => "x",
        HelpName = "x|t|s",
    };

    public Option<string> Base { get; } = new("--base")
    {
        Description = "The base learners: linear (ridge regression with a light penalty, 0.01, and logistic propensity; default) gbm (ML.NET gradient-boosted trees, regularised), or auto (each regression stage chooses linear or trees, early-stopped, by 5-fold cross-validation).",
        DefaultValueFactory = _ => "linear",
        HelpName = "linear|gbm|auto",
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = $"The master seed of every fit and resample (default {PipelineConfig.DefaultSeed}, the pipeline's).",
        DefaultValueFactory = _ => PipelineConfig.DefaultSeed,
        HelpName = "n",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Learner);
        command.Options.Add(Base);
        command.Options.Add(Seed);
    }

    public ICateEstimator Create(ParseResult parse, MetaLearnerOptions options)
    {
        options.Seed = parse.GetValue(Seed);
        try
        {
            return CateEstimators.Create(parse.GetValue(Learner) ?? "x", parse.GetValue(Base) ?? "linear", options);
        }
        catch (ArgumentException error)
        {
            throw new UsageException($"--learner/--base: {error.Message}");
        }
    }
}
