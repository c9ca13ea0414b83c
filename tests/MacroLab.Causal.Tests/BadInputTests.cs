namespace MacroLab.Causal.Tests;

public sealed class BadInputTests
{
    private static readonly string[] Names = ["cpi_surprise", "slope"];

    [Fact]
    public void Non_finite_covariates_and_outcomes_are_named()
    {
        double[,] x = { { 1, 2 }, { 2, double.NaN }, { 3, 1 }, { 4, 0 } };

        Assert.Contains("Covariate 'slope' is NaN at row 1", Assert.Throws<ArgumentException>(() => CateData.Create(x, [0, 1, 0, 1], [1, 2, 3, 4], featureNames: Names)).Message, StringComparison.Ordinal);
        x[1, 1] = 0;
        Assert.Contains("outcome is Infinity at row 2", Assert.Throws<ArgumentException>(() => CateData.Create(x, [0, 1, 0, 1], [1, 2, double.PositiveInfinity, 4])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_treatment_a_gap_in_arms_and_too_few_rows_are_refused()
    {
        double[,] x = { { 1, 2 }, { 2, 1 }, { 3, 1 }, { 4, 0 } };

        Assert.Contains("treatment is constant", Assert.Throws<ArgumentException>(() => CateData.Create(x, [1, 1, 1, 1], [1, 2, 3, 4])).Message, StringComparison.Ordinal);
        Assert.Contains("Treatment arm 1 has no rows", Assert.Throws<ArgumentException>(() => CateData.Create(x, [0, 2, 0, 2], [1, 2, 3, 4])).Message, StringComparison.Ordinal);
        Assert.Contains("too few for 2 covariates", Assert.Throws<ArgumentException>(() => CateData.Create(new double[2, 2], [0, 1], [1, 2])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arm_smaller_than_the_learner_needs_is_named()
    {
        var random = new Random(1);
        var x = new double[40, 3];
        for (int i = 0; i < 40; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = random.NextDouble();
            }
        }

        int[] t = [.. Enumerable.Range(0, 40).Select(i => i < 3 ? 1 : 0)];
        CateData data = CateData.Create(x, t, [.. Enumerable.Range(0, 40).Select(i => (double)i)]);

        ArgumentException error = Assert.Throws<ArgumentException>(() => new XLearner(RidgeRegressionLearner.Ols).Fit(data));

        Assert.Contains("Arm 1 has 3 rows; the ols learner needs at least 5 for 3 covariates", error.Message, StringComparison.Ordinal);
    }
}
