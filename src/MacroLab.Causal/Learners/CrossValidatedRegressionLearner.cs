using System.Globalization;

namespace MacroLab.Causal.Learners;

/// <summary>
/// Chooses a base regressor by K-fold cross-validation, as EconML chooses its first-stage models: every candidate is
/// fitted K times, each time without one fold, and scored by the weighted mean squared error on the fold it did not see;
/// the candidate with the lowest out-of-fold loss is refitted on every row.
/// <list type="bullet">
/// <item>Folds are contiguous in row order, so time-ordered rows are cross-validated in blocks and neighbouring dates do
/// not score each other.</item>
/// <item>Gradient-boosted candidates are early-stopped by the same folds: each fold's ensemble is grown once to the
/// candidate's <see cref="GradientBoostedTreesLearner.Trees"/>, every prefix of it is scored, and the refit uses the tree
/// count with the lowest out-of-fold loss.</item>
/// <item>A candidate that needs more rows than a fold's training set holds is skipped.</item>
/// </list>
/// Deterministic given the problem's seed: fold fits take seeds derived from it, the candidate and the fold.
/// </summary>
public sealed class CrossValidatedRegressionLearner : IRegressionLearner
{
    /// <summary>A learner choosing among <paramref name="candidates"/> by <paramref name="folds"/>-fold cross-validation.</summary>
    /// <param name="candidates">The regressors to choose from, in order of preference on a tie.</param>
    /// <param name="folds">The number of folds, at least 2; 5 by default.</param>
    /// <exception cref="ArgumentException">No candidate, or fewer than 2 folds.</exception>
    public CrossValidatedRegressionLearner(IEnumerable<IRegressionLearner> candidates, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Candidates = [.. candidates];
        if (Candidates.Count == 0 || Candidates.Any(c => c is null))
        {
            throw new ArgumentException("Cross-validation needs at least one candidate learner, and no null one.", nameof(candidates));
        }

        if (folds < 2)
        {
            throw new ArgumentException($"Cross-validation needs at least 2 folds, not {folds}.", nameof(folds));
        }

        Folds = folds;
    }

    /// <summary>The candidate regressors.</summary>
    public IReadOnlyList<IRegressionLearner> Candidates { get; }

    /// <summary>The number of folds.</summary>
    public int Folds { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"cv{Folds}({string.Join(" | ", Candidates.Select(c => c.Name))})");

    /// <inheritdoc />
    public int MinimumRows(int featureCount) => Candidates.Min(c => RowsToCrossValidate(c.MinimumRows(featureCount)));

    /// <inheritdoc />
    IRegressionModel IRegressionLearner.Fit(LearningProblem problem, CancellationToken cancellationToken) => Fit(problem, cancellationToken);

    /// <summary>Scores every candidate out of fold and refits the best one on every row.</summary>
    /// <exception cref="ArgumentException">Too few rows for any candidate, or the chosen candidate cannot fit.</exception>
    public CrossValidatedRegressionModel Fit(LearningProblem problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int trainingRows = problem.Count - (int)Math.Ceiling(problem.Count / (double)Folds);
        var scores = new List<CandidateScore>(Candidates.Count);
        IRegressionLearner? best = null;
        double bestLoss = double.PositiveInfinity;
        for (int c = 0; c < Candidates.Count; c++)
        {
            IRegressionLearner candidate = Candidates[c];
            if (trainingRows < candidate.MinimumRows(problem.FeatureCount))
            {
                continue;
            }

            (IRegressionLearner tuned, double loss) = Score(candidate, c, problem, cancellationToken);
            scores.Add(new CandidateScore(tuned.Name, loss));
            if (loss < bestLoss)
            {
                (best, bestLoss) = (tuned, loss);
            }
        }

        if (best is null)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{problem.Count} rows leave {trainingRows} per fold of {Folds}-fold cross-validation; every candidate of {Name} needs more."));
        }

        return new CrossValidatedRegressionModel(best.Fit(problem, cancellationToken), best.Name, scores);
    }

    /// <summary>The fewest rows whose every fold leaves <paramref name="needed"/> rows to train on.</summary>
    private int RowsToCrossValidate(int needed)
    {
        int rows = needed;
        while (rows - (int)Math.Ceiling(rows / (double)Folds) < needed)
        {
            rows++;
        }

        return rows;
    }

    /// <summary>The candidate's out-of-fold loss and, for a boosted candidate, its early-stopped tree count.</summary>
    private (IRegressionLearner Tuned, double Loss) Score(IRegressionLearner candidate, int index, LearningProblem problem, CancellationToken cancellationToken)
    {
        int stages = candidate is GradientBoostedTreesLearner boosted ? boosted.Trees : 1;
        var loss = new double[stages];
        var predictions = new double[stages];
        double totalWeight = 0;
        for (int fold = 0; fold < Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int from = (int)((long)problem.Count * fold / Folds), to = (int)((long)problem.Count * (fold + 1) / Folds);
            IRegressionModel model = candidate.Fit(Without(problem, from, to, Seeds.Derive(problem.Seed, 50, index, fold)), cancellationToken);
            for (int row = from; row < to; row++)
            {
                ReadOnlySpan<double> x = problem.Row(row);
                double target = problem.Targets[row], weight = problem.Weights[row];
                if (model is IStagedRegressionModel staged && stages > 1)
                {
                    staged.PredictStages(x, predictions);
                }
                else
                {
                    predictions.AsSpan().Fill(model.Predict(x));
                }

                for (int stage = 0; stage < stages; stage++)
                {
                    double error = predictions[stage] - target;
                    loss[stage] += weight * error * error;
                }

                totalWeight += weight;
            }
        }

        // The first stage with the lowest loss: fewer trees win ties.
        int chosen = 0;
        for (int stage = 1; stage < stages; stage++)
        {
            chosen = loss[stage] < loss[chosen] ? stage : chosen;
        }

        IRegressionLearner tuned = candidate is GradientBoostedTreesLearner trees && chosen + 1 < stages ? trees.WithTrees(chosen + 1) : candidate;
        return (tuned, loss[chosen] / totalWeight);
    }

    /// <summary>The problem without rows [from, to).</summary>
    private static LearningProblem Without(LearningProblem problem, int from, int to, int seed)
    {
        int p = problem.FeatureCount, kept = problem.Count - (to - from);
        var rows = new double[kept * p];
        var targets = new double[kept];
        var weights = new double[kept];
        problem.Rows[..(from * p)].CopyTo(rows);
        problem.Rows[(to * p)..].CopyTo(rows.AsSpan(from * p));
        problem.Targets[..from].CopyTo(targets);
        problem.Targets[to..].CopyTo(targets.AsSpan(from));
        problem.Weights[..from].CopyTo(weights);
        problem.Weights[to..].CopyTo(weights.AsSpan(from));
        return new LearningProblem(rows, p, targets, weights, seed);
    }
}
