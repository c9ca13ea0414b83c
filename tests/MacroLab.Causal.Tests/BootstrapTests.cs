using MacroLab.Causal.Bootstrap;

namespace MacroLab.Causal.Tests;

public sealed class BootstrapTests
{
    private static CateData Design(int n, int seed, double effect = 1)
    {
        var random = new Random(seed);
        var x = new double[n, 2];
        var t = new int[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = Designs.Gaussian(random);
            x[i, 1] = Designs.Gaussian(random);
            t[i] = random.NextDouble() < 0.4 ? 1 : 0;
            y[i] = x[i, 0] - (0.5 * x[i, 1]) + (effect * t[i]) + Designs.Gaussian(random);
        }

        return CateData.Create(x, t, y);
    }

    [Fact]
    public void Ninety_percent_ate_intervals_cover_the_true_effect_near_nominally()
    {
        int covered = 0, repetitions = 60;
        for (int r = 0; r < repetitions; r++)
        {
            var options = new MetaLearnerOptions { Seed = r, Bootstrap = new BootstrapOptions { Resamples = 60 } };
            Interval interval = new XLearner(RidgeRegressionLearner.Ols, options: options).Fit(Design(300, 1000 + r)).AteInterval(alpha: 0.1);
            covered += interval.Lower <= 1 && 1 <= interval.Upper ? 1 : 0;
        }

        double coverage = (double)covered / repetitions;
        Assert.InRange(coverage, 0.80, 0.97);
    }

    [Fact]
    public void Results_do_not_depend_on_how_many_resamples_run_at_once()
    {
        CateData data = Design(300, 7);
        double[,] at = { { 0.5, -0.5 }, { -1, 1 } };
        Interval[] serial = Fit(data, 1).EffectInterval(at);
        Interval[] parallel = Fit(data, 4).EffectInterval(at);

        Assert.Equal(serial, parallel);
        Assert.Equal(Fit(data, 1).AteInterval(), Fit(data, 3).AteInterval());

        static CateModel Fit(CateData data, int threads) => new XLearner(new GradientBoostedTreesLearner { Trees = 20 }, RidgeRegressionLearner.Ols,
            options: new MetaLearnerOptions { Seed = 5, Bootstrap = new BootstrapOptions { Resamples = 12, MaxParallelism = threads, BlockLength = 10 } }).Fit(data);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7)]
    public void Resamples_keep_each_arms_size_and_stay_within_the_arm(int? block)
    {
        CateData data = Design(250, 3);
        int[] rows = StratifiedResampler.Draw(data, block, seed: 42);

        Assert.Equal(data.Count, rows.Length);
        Assert.Equal(data.CountOf(1), rows.Count(r => data.Treatment(r) == 1));
        Assert.True(rows.Distinct().Count() < data.Count, "a bootstrap draws with replacement");
        Assert.Equal(rows.Order(), rows);
    }

    [Fact]
    public void Intervals_need_a_bootstrap()
    {
        CateModel model = new TLearner(RidgeRegressionLearner.Ols).Fit(Design(100, 1));

        Assert.Contains("without a bootstrap", Assert.Throws<InvalidOperationException>(() => model.AteInterval()).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TLearner(RidgeRegressionLearner.Ols, new MetaLearnerOptions { Bootstrap = new BootstrapOptions { Resamples = 1 } }));
    }
}
