namespace MacroLab.Causal.Tests;

public sealed class NieWagerTests
{
    /// <summary>Published X-Learner MSE with tuned boosting at n = 1000, d = 6, sigma = 1 (Nie and Wager 2021).</summary>
    private static readonly Dictionary<char, double> PublishedMse = new() { ['A'] = 0.05, ['C'] = 0.14 };

    /// <summary>
    /// Scores the X-Learner with tree base learners on a fresh test set, three seeds, against two constant-effect predictors:
    /// the unadjusted difference in means (what one predicts without a causal model) on every setup, and the model's own ATE
    /// on the setups whose effect varies (with a constant true effect, setup C, no heterogeneous estimate can beat its own
    /// average in expectation).
    /// </summary>
    [Theory]
    [InlineData('A')]
    [InlineData('B')]
    [InlineData('C')]
    [InlineData('D')]
    public void The_x_learner_with_trees_beats_constant_effects_and_is_near_the_published_error(char setup)
    {
        double pehe = 0, naive = 0, ownAte = 0;
        const int Repetitions = 3;
        for (int repetition = 0; repetition < Repetitions; repetition++)
        {
            Designs.Sample train = Designs.Generate(setup, 1000, 6, sigma: 1, seed: 100 + repetition);
            Designs.Sample test = Designs.Generate(setup, 1000, 6, sigma: 1, seed: 900 + repetition);
            CateModel model = new XLearner(new GradientBoostedTreesLearner(), GradientBoostedTreesLearner.ForEffects, options: new MetaLearnerOptions { Seed = repetition })
                .Fit(CateData.Create(train.X, train.W, train.Y));

            pehe += Designs.Pehe(model.Effect(test.X), test.Tau) / Repetitions;
            double difference = train.Y.Where((_, i) => train.W[i] == 1).Average() - train.Y.Where((_, i) => train.W[i] == 0).Average();
            naive += Designs.Pehe([.. test.Tau.Select(_ => difference)], test.Tau) / Repetitions;
            double ate = model.Ate();
            ownAte += Designs.Pehe([.. test.Tau.Select(_ => ate)], test.Tau) / Repetitions;
        }

        Assert.True(pehe < naive, $"setup {setup}: PEHE {pehe:F3} vs difference in means {naive:F3}");
        if (setup != 'C')
        {
            Assert.True(pehe < ownAte, $"setup {setup}: PEHE {pehe:F3} vs its own ATE as a constant {ownAte:F3}");
        }

        if (PublishedMse.TryGetValue(setup, out double published))
        {
            // Published numbers are MSE, the square of PEHE: within a factor of two of the published error.
            Assert.True(pehe * pehe < 2 * published, $"setup {setup}: MSE {pehe * pehe:F3} vs published {published} (x2 allowed)");
        }
    }
}
