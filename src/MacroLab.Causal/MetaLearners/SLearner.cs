using MacroLab.Causal.Learners;

namespace MacroLab.Causal.MetaLearners;

/// <summary>
/// The S-Learner: one outcome model mu on (x, w) over control and arm-k rows, w the arm-k indicator appended as the last
/// covariate; tau_k(x) = mu(x, 1) - mu(x, 0). With a linear base learner the effect is a constant.
/// </summary>
public sealed class SLearner : MetaLearner
{
    /// <summary>An S-Learner with <paramref name="outcomeLearner"/>.</summary>
    public SLearner(IRegressionLearner outcomeLearner, MetaLearnerOptions? options = null)
        : base(outcomeLearner, options)
    {
    }

    /// <inheritdoc />
    public override string Name => $"s-learner({OutcomeLearner.Name})";

    private protected override IArmEffect FitArm(CateData data, int arm, int[] control, int[] treated, int resample, List<string>? warnings, CancellationToken cancellationToken)
    {
        int[] rows = [.. control.Concat(treated).Order()];
        int p = data.FeatureCount;
        var x = new double[rows.Length * (p + 1)];
        for (int k = 0; k < rows.Length; k++)
        {
            data.Row(rows[k]).CopyTo(x.AsSpan(k * (p + 1), p));
            x[(k * (p + 1)) + p] = data.Treatment(rows[k]) == arm ? 1 : 0;
        }

        var problem = new LearningProblem(x, p + 1, [.. rows.Select(data.Outcome)], [.. rows.Select(data.Weight)], Seeds.Derive(Options.Seed, 3, arm, resample));
        return new Contrast(FitRegression(OutcomeLearner, problem, "outcome", arm, cancellationToken), p);
    }

    private sealed class Contrast(IRegressionModel model, int featureCount) : IArmEffect
    {
        public double Effect(ReadOnlySpan<double> x)
        {
            Span<double> row = featureCount <= 255 ? stackalloc double[featureCount + 1] : new double[featureCount + 1];
            x.CopyTo(row);
            row[featureCount] = 1;
            double treated = model.Predict(row);
            row[featureCount] = 0;
            return treated - model.Predict(row);
        }
    }
}
