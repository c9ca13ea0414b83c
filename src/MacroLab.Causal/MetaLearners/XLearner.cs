using System.Globalization;
using MacroLab.Causal.Learners;

namespace MacroLab.Causal.MetaLearners;

/// <summary>
/// The X-Learner (Künzel, Sekhon, Bickel and Yu 2019), arm k against control:
/// <list type="number">
/// <item>mu_0 on controls and mu_k on arm k (as the T-Learner);</item>
/// <item>imputed effects D_i = Y_i - mu_0(x_i) on arm-k rows and D_i = mu_k(x_i) - Y_i on control rows (computed in double;
/// with cross-fitting, from stage-1 models fitted without the row's fold); tau_1 fitted on the first, tau_0 on the second;</item>
/// <item>tau_k(x) = g(x) tau_0(x) + (1 - g(x)) tau_1(x), g the propensity P(arm k | x, arm in {0, k}) fitted on both groups and
/// clipped to [clip, 1 - clip].</item>
/// </list>
/// With ordinary least squares in every stage the X-Learner equals the T-Learner for any g (a test checks it).
/// </summary>
public sealed class XLearner : MetaLearner
{
    /// <summary>The share of rows with a propensity outside [0.05, 0.95] above which the fit warns about overlap.</summary>
    private const double PoorOverlapShare = 0.05;

    /// <summary>An X-Learner.</summary>
    /// <param name="outcomeLearner">The stage-1 outcome regressor.</param>
    /// <param name="effectLearner">The stage-2 regressor of imputed effects (default: the outcome learner).</param>
    /// <param name="propensityLearner">The propensity classifier (default: logistic regression).</param>
    /// <param name="options">Seed, clipping, cross-fitting and bootstrap.</param>
    public XLearner(IRegressionLearner outcomeLearner, IRegressionLearner? effectLearner = null, IClassificationLearner? propensityLearner = null, MetaLearnerOptions? options = null)
        : base(outcomeLearner, options)
    {
        EffectLearner = effectLearner ?? outcomeLearner;
        PropensityLearner = propensityLearner ?? new LogisticRegressionLearner();
    }

    /// <summary>The stage-2 regressor.</summary>
    public IRegressionLearner EffectLearner { get; }

    /// <summary>The propensity classifier.</summary>
    public IClassificationLearner PropensityLearner { get; }

    /// <inheritdoc />
    public override string Name => $"x-learner({OutcomeLearner.Name}, {EffectLearner.Name}, {PropensityLearner.Name})";

    private protected override IArmEffect FitArm(CateData data, int arm, int[] control, int[] treated, int resample, List<string>? warnings, CancellationToken cancellationToken)
    {
        (double[] imputedTreated, double[] imputedControl) = Impute(data, arm, control, treated, resample, cancellationToken);
        IRegressionModel tau1 = FitRegression(EffectLearner, Problem(data, treated, imputedTreated, Seeds.Derive(Options.Seed, 4, arm, resample)), "treated effect", arm, cancellationToken);
        IRegressionModel tau0 = FitRegression(EffectLearner, Problem(data, control, imputedControl, Seeds.Derive(Options.Seed, 5, arm, resample)), "control effect", arm, cancellationToken);

        int[] both = [.. control.Concat(treated).Order()];
        LearningProblem propensityProblem = Problem(data, both, r => data.Treatment(r) == arm ? 1 : 0, Seeds.Derive(Options.Seed, 6, arm, resample));
        IClassificationModel propensity = PropensityLearner.Fit(propensityProblem, cancellationToken);
        if (warnings is not null)
        {
            int extreme = 0, clipped = 0;
            foreach (int row in both)
            {
                double g = propensity.Probability(data.Row(row));
                extreme += g is < 0.05 or > 0.95 ? 1 : 0;
                clipped += g < Options.PropensityClip || g > 1 - Options.PropensityClip ? 1 : 0;
            }

            if (extreme > PoorOverlapShare * both.Length)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Poor overlap for arm {arm}: {extreme} of {both.Length} rows ({(double)extreme / both.Length:P0}) have a propensity outside [0.05, 0.95] ({clipped} clipped at {Options.PropensityClip}); effects there rest on extrapolation."));
            }
        }

        return new Blend(tau0, tau1, propensity, Options.PropensityClip);
    }

    /// <summary>Imputed effects, from stage-1 models fitted once or, with cross-fitting, without the row's fold.</summary>
    private (double[] Treated, double[] Control) Impute(CateData data, int arm, int[] control, int[] treated, int resample, CancellationToken cancellationToken)
    {
        var dTreated = new double[treated.Length];
        var dControl = new double[control.Length];
        int folds = Options.CrossFitFolds >= 2 ? Options.CrossFitFolds : 1;
        for (int fold = 0; fold < folds; fold++)
        {
            // Contiguous folds in row order; with one fold, stage 1 sees every row.
            int from = (int)((long)data.Count * fold / folds), to = (int)((long)data.Count * (fold + 1) / folds);
            bool Outside(int row) => folds == 1 || row < from || row >= to;
            bool Inside(int row) => folds == 1 || (row >= from && row < to);
            int[] controlFit = [.. control.Where(Outside)], treatedFit = [.. treated.Where(Outside)];
            IRegressionModel mu0 = FitRegression(OutcomeLearner, Problem(data, controlFit, data.Outcome, Seeds.Derive(Options.Seed, 1, 0, (resample * 64) + fold)), "control outcome", arm, cancellationToken);
            IRegressionModel mu1 = FitRegression(OutcomeLearner, Problem(data, treatedFit, data.Outcome, Seeds.Derive(Options.Seed, 2, arm, (resample * 64) + fold)), "treated outcome", arm, cancellationToken);
            for (int k = 0; k < treated.Length; k++)
            {
                if (Inside(treated[k]))
                {
                    dTreated[k] = data.Outcome(treated[k]) - mu0.Predict(data.Row(treated[k]));
                }
            }

            for (int k = 0; k < control.Length; k++)
            {
                if (Inside(control[k]))
                {
                    dControl[k] = mu1.Predict(data.Row(control[k])) - data.Outcome(control[k]);
                }
            }
        }

        return (dTreated, dControl);
    }

    private sealed class Blend(IRegressionModel tau0, IRegressionModel tau1, IClassificationModel propensity, double clip) : IArmEffect
    {
        public double Effect(ReadOnlySpan<double> x)
        {
            double g = Math.Clamp(propensity.Probability(x), clip, 1 - clip);
            return (g * tau0.Predict(x)) + ((1 - g) * tau1.Predict(x));
        }
    }
}
