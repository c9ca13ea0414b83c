using MacroLab.Causal.Learners;

namespace MacroLab.Causal.MetaLearners;

/// <summary>The T-Learner: mu_0 on controls, mu_k on arm k; tau_k(x) = mu_k(x) - mu_0(x).</summary>
public sealed class TLearner : MetaLearner
{
    /// <summary>A T-Learner with <paramref name="outcomeLearner"/> for both outcome models.</summary>
    public TLearner(IRegressionLearner outcomeLearner, MetaLearnerOptions? options = null)
        : base(outcomeLearner, options)
    {
    }

    /// <inheritdoc />
    public override string Name => $"t-learner({OutcomeLearner.Name})";

    private protected override IArmEffect FitArm(CateData data, int arm, int[] control, int[] treated, int resample, List<string>? warnings, CancellationToken cancellationToken)
    {
        IRegressionModel mu0 = FitRegression(OutcomeLearner, Problem(data, control, data.Outcome, Seeds.Derive(Options.Seed, 1, 0, resample)), "control outcome", arm, cancellationToken);
        IRegressionModel mu1 = FitRegression(OutcomeLearner, Problem(data, treated, data.Outcome, Seeds.Derive(Options.Seed, 1, arm, resample)), "treated outcome", arm, cancellationToken);
        return new Difference(mu1, mu0);
    }

    private sealed class Difference(IRegressionModel treated, IRegressionModel control) : IArmEffect
    {
        public double Effect(ReadOnlySpan<double> x) => treated.Predict(x) - control.Predict(x);
    }
}
