using System.Globalization;
using MacroLab.Causal.Bootstrap;
using MacroLab.Causal.Learners;

namespace MacroLab.Causal.MetaLearners;

/// <summary>What the meta-learners share: per-arm fitting against control, the seeded bootstrap, and input checks.</summary>
public abstract class MetaLearner : ICateEstimator
{
    private protected MetaLearner(IRegressionLearner outcomeLearner, MetaLearnerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(outcomeLearner);
        OutcomeLearner = outcomeLearner;
        Options = options ?? new MetaLearnerOptions();
        Options.Validate();
    }

    /// <summary>The base regressor of the outcome models.</summary>
    public IRegressionLearner OutcomeLearner { get; }

    /// <summary>The options.</summary>
    public MetaLearnerOptions Options { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public CateModel Fit(CateData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckArmSizes(data);
        var warnings = new List<string>();
        IArmEffect[] point = FitArms(data, resample: 0, warnings, cancellationToken);

        IArmEffect[][]? resamples = null;
        if (Options.Bootstrap is { } bootstrap)
        {
            resamples = new IArmEffect[bootstrap.Resamples][];
            var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = bootstrap.MaxParallelism ?? Environment.ProcessorCount };
            Parallel.For(0, bootstrap.Resamples, parallel, r =>
            {
                int seed = Seeds.Derive(Options.Seed, stage: 99, arm: 0, resample: r + 1);
                CateData sample = data.Select(StratifiedResampler.Draw(data, bootstrap.BlockLength, seed));
                try
                {
                    resamples[r] = FitArms(sample, r + 1, null, cancellationToken);
                }
                catch (ArgumentException error)
                {
                    throw new ArgumentException($"Bootstrap resample {r + 1}: {error.Message}", error);
                }
            });
        }

        return new CateModel(Name, data, point, resamples, warnings);
    }

    /// <summary>Fits arm <paramref name="arm"/> against control on <paramref name="data"/>.</summary>
    private protected abstract IArmEffect FitArm(CateData data, int arm, int[] control, int[] treated, int resample, List<string>? warnings, CancellationToken cancellationToken);

    /// <summary>A base-learner problem over the given rows.</summary>
    private protected static LearningProblem Problem(CateData data, IReadOnlyList<int> rows, Func<int, double> target, int seed) =>
        Problem(data, rows, [.. rows.Select(target)], seed);

    /// <summary>A base-learner problem over the given rows with one target per row, in the same order.</summary>
    private protected static LearningProblem Problem(CateData data, IReadOnlyList<int> rows, double[] targets, int seed) =>
        new(data.RowsOf(rows), data.FeatureCount, targets, [.. rows.Select(data.Weight)], seed);

    /// <summary>Fits a base regressor, naming the stage and arm when it cannot.</summary>
    private protected static IRegressionModel FitRegression(IRegressionLearner learner, LearningProblem problem, string stage, int arm, CancellationToken cancellationToken)
    {
        try
        {
            return learner.Fit(problem, cancellationToken);
        }
        catch (ArgumentException error) when (!error.Message.StartsWith("Arm ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Arm {arm}, {stage} ({learner.Name}): {error.Message}", error);
        }
    }

    private IArmEffect[] FitArms(CateData data, int resample, List<string>? warnings, CancellationToken cancellationToken)
    {
        int[] control = [.. Enumerable.Range(0, data.Count).Where(r => data.Treatment(r) == 0)];
        var arms = new IArmEffect[data.ArmCount - 1];
        for (int arm = 1; arm < data.ArmCount; arm++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] treated = [.. Enumerable.Range(0, data.Count).Where(r => data.Treatment(r) == arm)];
            arms[arm - 1] = FitArm(data, arm, control, treated, resample, warnings, cancellationToken);
        }

        return arms;
    }

    private void CheckArmSizes(CateData data)
    {
        int needed = OutcomeLearner.MinimumRows(data.FeatureCount + (this is SLearner ? 1 : 0));
        int folds = this is XLearner && Options.CrossFitFolds >= 2 ? Options.CrossFitFolds : 1;
        for (int arm = 0; arm < data.ArmCount; arm++)
        {
            int rows = data.CountOf(arm);
            int usable = folds > 1 ? rows - (int)Math.Ceiling(rows / (double)folds) : rows;
            if (usable < needed)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Arm {arm} has {rows} rows{(folds > 1 ? $" ({usable} outside a cross-fitting fold)" : string.Empty)}; the {OutcomeLearner.Name} learner needs at least {needed} for {data.FeatureCount} covariates."));
            }
        }
    }
}
