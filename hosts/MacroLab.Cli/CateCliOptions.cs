using System.CommandLine;
using MacroLab.Causal.Learners;
using MacroLab.Causal.MetaLearners;

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
        Description = "The base learners: linear (ridge regression with a light penalty, 0.01, and logistic propensity; default) or gbm (ML.NET gradient-boosted trees, regularised).",
        DefaultValueFactory = _ => "linear",
        HelpName = "linear|gbm",
    };

    /// <summary>The penalty of the linear base learners: light, to stay near least squares while tolerating collinear covariates.</summary>
    public const double Ridge = 0.01;

    public Option<int> Seed { get; } = new("--seed") { Description = "The master seed of every fit and resample (default 0).", HelpName = "n" };

    public void AddTo(Command command)
    {
        command.Options.Add(Learner);
        command.Options.Add(Base);
        command.Options.Add(Seed);
    }

    public ICateEstimator Create(ParseResult parse, MetaLearnerOptions options)
    {
        string baseLearner = parse.GetValue(Base) ?? "linear";
        (IRegressionLearner outcome, IRegressionLearner effect) = baseLearner switch
        {
            "linear" => ((IRegressionLearner)new RidgeRegressionLearner(Ridge), (IRegressionLearner)new RidgeRegressionLearner(Ridge)),
            "gbm" => (new GradientBoostedTreesLearner(), GradientBoostedTreesLearner.ForEffects),
            _ => throw new UsageException($"--base must be linear or gbm (got '{baseLearner}')."),
        };
        options.Seed = parse.GetValue(Seed);
        return (parse.GetValue(Learner) ?? "x") switch
        {
            "x" => new XLearner(outcome, effect, options: options),
            "t" => new TLearner(outcome, options),
            "s" => new SLearner(outcome, options),
            string other => throw new UsageException($"--learner must be x, t or s (got '{other}')."),
        };
    }
}
