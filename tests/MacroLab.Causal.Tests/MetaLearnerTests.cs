namespace MacroLab.Causal.Tests;

public sealed class MetaLearnerTests
{
    private static CateData Linear(int n, int seed, int arms = 2, bool weighted = false)
    {
        var random = new Random(seed);
        var x = new double[n, 3];
        var t = new int[n];
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = Designs.Gaussian(random);
            }

            t[i] = i < arms ? i : random.Next(arms);
            double effect = t[i] * (1 + (0.5 * x[i, 0]));
            y[i] = 0.3 + x[i, 1] - (0.2 * x[i, 2]) + effect + (0.1 * Designs.Gaussian(random));
            w[i] = 0.5 + random.NextDouble();
        }

        return CateData.Create(x, t, y, weighted ? w : null);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void With_ols_everywhere_the_x_learner_equals_the_t_learner(int arms, bool weighted)
    {
        CateData data = Linear(400, 11, arms, weighted);
        CateModel x = new XLearner(RidgeRegressionLearner.Ols).Fit(data);
        CateModel t = new TLearner(RidgeRegressionLearner.Ols).Fit(data);

        for (int arm = 1; arm < arms; arm++)
        {
            for (int i = 0; i < data.Count; i++)
            {
                Assert.Equal(t.Effect(data.Row(i), arm), x.Effect(data.Row(i), arm), 9);
            }
        }
    }

    [Fact]
    public void The_x_learner_identity_fails_when_a_stage_is_not_linear()
    {
        // The identity is specific to OLS: a penalised second stage breaks it, so the test above can fail.
        CateData data = Linear(400, 11);
        CateModel x = new XLearner(RidgeRegressionLearner.Ols, new RidgeRegressionLearner(5)).Fit(data);
        CateModel t = new TLearner(RidgeRegressionLearner.Ols).Fit(data);

        Assert.Contains(Enumerable.Range(0, data.Count), i => Math.Abs(t.Effect(data.Row(i)) - x.Effect(data.Row(i))) > 1e-3);
    }

    [Fact]
    public void Linear_effects_are_recovered_by_every_learner_that_can_express_them()
    {
        CateData data = Linear(2000, 5);
        double[] at = [1.0, 0.0, 0.0];

        Assert.Equal(1.5, new TLearner(RidgeRegressionLearner.Ols).Fit(data).Effect(at), 1);
        Assert.Equal(1.5, new XLearner(RidgeRegressionLearner.Ols).Fit(data).Effect(at), 1);
        // A linear S-Learner can only express a constant effect: the average, about 1.
        CateModel s = new SLearner(RidgeRegressionLearner.Ols).Fit(data);
        Assert.Equal(s.Effect(at), s.Effect([-1.0, 0.0, 0.0]), 12);
        Assert.Equal(1.0, s.Ate(), 1);
    }

    [Fact]
    public void Each_arm_is_estimated_against_control()
    {
        CateData data = Linear(3000, 9, arms: 3);
        CateModel model = new XLearner(RidgeRegressionLearner.Ols).Fit(data);

        Assert.Equal(3, model.ArmCount);
        Assert.Equal(1.0, model.Ate(1), 1);
        Assert.Equal(2.0, model.Ate(2), 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Ate(3));
    }

    [Fact]
    public void Cross_fitting_changes_the_imputation_but_not_the_target()
    {
        CateData data = Linear(1000, 3);
        var gbm = new GradientBoostedTreesLearner();
        CateModel plain = new XLearner(gbm, RidgeRegressionLearner.Ols).Fit(data);
        CateModel crossFitted = new XLearner(gbm, RidgeRegressionLearner.Ols, options: new MetaLearnerOptions { CrossFitFolds = 5 }).Fit(data);

        Assert.NotEqual(plain.Ate(), crossFitted.Ate());
        Assert.Equal(1.0, crossFitted.Ate(), 1);
    }

    [Fact]
    public void Poor_overlap_is_reported()
    {
        var random = new Random(1);
        int n = 600;
        var x = new double[n, 1];
        var t = new int[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = Designs.Gaussian(random);
            t[i] = random.NextDouble() < 1 / (1 + Math.Exp(-6 * x[i, 0])) ? 1 : 0; // treatment almost determined by x
            y[i] = x[i, 0] + t[i];
        }

        CateModel model = new XLearner(RidgeRegressionLearner.Ols).Fit(CateData.Create(x, t, y));

        Assert.Contains(model.Warnings, w => w.StartsWith("Poor overlap for arm 1", StringComparison.Ordinal));
        Assert.Empty(new XLearner(RidgeRegressionLearner.Ols).Fit(Linear(600, 2)).Warnings);
    }
}
