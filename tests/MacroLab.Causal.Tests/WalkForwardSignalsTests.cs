using FsCheck;
using FsCheck.Xunit;
using MacroLab.Causal.Signals;

namespace MacroLab.Causal.Tests;

public sealed class WalkForwardSignalsTests
{
    private sealed record Panel(DateOnly[] Dates, double[,] X, int[] Arms, double[,] Y);

    /// <summary>Two assets; the effect of the treatment on asset 0 is 1 + x0, on asset 1 it is -0.5.</summary>
    private static Panel Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var dates = new DateOnly[rows];
        var x = new double[rows, 2];
        var arms = new int[rows];
        var y = new double[rows, 2];
        for (int t = 0; t < rows; t++)
        {
            dates[t] = new DateOnly(1980, 1, 1).AddMonths(t + 1).AddDays(-1);
            x[t, 0] = Designs.Gaussian(random);
            x[t, 1] = t < 5 ? double.NaN : Designs.Gaussian(random);
            arms[t] = t < 3 ? -1 : random.NextDouble() < 0.4 ? 1 : 0;
            y[t, 0] = (0.2 * x[t, 0]) + (arms[t] == 1 ? 1 + x[t, 0] : 0) + (0.3 * Designs.Gaussian(random));
            y[t, 1] = (arms[t] == 1 ? -0.5 : 0) + (0.3 * Designs.Gaussian(random));
        }

        return new Panel(dates, x, arms, y);
    }

    private static readonly WalkForwardSignalOptions Options = new() { Horizon = 3, MinTrainSamples = 60, RefitEvery = 12 };

    [Fact]
    public void Signals_start_after_enough_known_outcomes_and_recover_the_effects()
    {
        Panel panel = Generate(300, 1);
        SignalTable table = WalkForwardSignals.Build(panel.Dates, panel.X, ["x0", "x1"], panel.Arms, panel.Y, ["A", "B"], Options);

        int first = Array.IndexOf(panel.Dates, table.Refits[0].Date);
        Assert.Equal(panel.Dates[first - 3], table.Refits[0].LastSampleDate);
        Assert.True(double.IsNaN(table.Effect(0)[first - 1]));
        Assert.False(double.IsNaN(table.Effect(0)[first]));
        // Late in the sample the fitted effect tracks 1 + x0 for asset 0 and -0.5 for asset 1.
        int late = 290;
        Assert.Equal(1 + panel.X[late, 0], table.Effect(0)[late], 0.35);
        Assert.Equal(-0.5, table.Effect(1)[late], 0.35);
    }

    [Fact]
    public void Signals_and_notes_do_not_depend_on_how_many_fits_run_at_once()
    {
        Panel panel = Generate(240, 4);
        SignalTable Build(int parallelism) => WalkForwardSignals.Build(panel.Dates, panel.X, ["x0", "x1"], panel.Arms, panel.Y, ["A", "B"],
            Options with { Estimator = CateEstimators.Create("x", "gbm"), MaxParallelism = parallelism });
        SignalTable serial = Build(1), parallel = Build(4);

        Assert.True(serial.Refits.Count > 5);
        Assert.Equal(serial.Refits.Select(r => (r.Date, r.Samples, r.LastSampleDate, string.Join("|", r.Notes))), parallel.Refits.Select(r => (r.Date, r.Samples, r.LastSampleDate, string.Join("|", r.Notes))));
        for (int a = 0; a < 2; a++)
        {
            Assert.Equal(serial.Effect(a), parallel.Effect(a));
        }
    }

    [Property(MaxTest = 20, Replay = "(16180,33989)")]
    public bool Changing_anything_known_only_after_t_leaves_the_signal_at_t_unchanged(PositiveInt seed)
    {
        Panel panel = Generate(200, 7);
        int cut = 80 + (seed.Get % 110);
        var random = new Random(seed.Get);
        var x = (double[,])panel.X.Clone();
        var y = (double[,])panel.Y.Clone();
        int[] arms = [.. panel.Arms];
        for (int t = 0; t < 200; t++)
        {
            if (t > cut)
            {
                x[t, 0] += random.NextDouble();
                arms[t] = random.Next(2);
            }

            if (t + Options.Horizon > cut)
            {
                y[t, 0] += random.NextDouble() - 0.5; // outcomes realised after the cut
                y[t, 1] -= random.NextDouble();
            }
        }

        SignalTable a = WalkForwardSignals.Build(panel.Dates, panel.X, ["x0", "x1"], panel.Arms, panel.Y, ["A", "B"], Options);
        SignalTable b = WalkForwardSignals.Build(panel.Dates, x, ["x0", "x1"], arms, y, ["A", "B"], Options);
        bool laterChanges = false;
        for (int t = 0; t < 200; t++)
        {
            for (int asset = 0; asset < 2; asset++)
            {
                bool same = a.Effect(asset)[t].Equals(b.Effect(asset)[t]);
                if (t <= cut && !same)
                {
                    return false;
                }

                laterChanges |= t > cut && !same;
            }
        }

        return laterChanges || cut >= 198; // the perturbation must matter after the cut, or the test proves nothing
    }

    [Fact]
    public void With_a_bootstrap_each_signal_carries_an_interval_that_covers_the_true_effect_and_never_sees_the_future()
    {
        Panel panel = Generate(240, 3);
        var options = Options with
        {
            Estimator = new MetaLearners.XLearner(new Learners.RidgeRegressionLearner(0.01), options: new MetaLearners.MetaLearnerOptions
            {
                Seed = 5,
                Bootstrap = new Bootstrap.BootstrapOptions { Resamples = 60 },
            }),
        };

        SignalTable table = WalkForwardSignals.Build(panel.Dates, panel.X, ["x0", "x1"], panel.Arms, panel.Y, ["A", "B"], options);
        SignalTable plain = WalkForwardSignals.Build(panel.Dates, panel.X, ["x0", "x1"], panel.Arms, panel.Y, ["A", "B"], Options);

        Assert.True(table.HasIntervals);
        Assert.False(plain.HasIntervals);
        Assert.Throws<InvalidOperationException>(() => plain.Lower(0));
        int known = 0, covered = 0;
        for (int t = 0; t < panel.Dates.Length; t++)
        {
            double effect = table.Effect(1)[t], lower = table.Lower(1)[t], upper = table.Upper(1)[t];
            Assert.Equal(double.IsNaN(effect), double.IsNaN(lower));
            if (double.IsNaN(effect))
            {
                continue;
            }

            Assert.True(lower <= upper, $"{panel.Dates[t]}: [{lower}, {upper}]");
            known++;
            covered += lower <= -0.5 && -0.5 <= upper ? 1 : 0; // asset B's true effect is -0.5 everywhere
        }

        Assert.True(known > 100);
        Assert.True(covered >= 0.75 * known, $"the 90 % intervals cover the true effect at {covered} of {known} dates");

        // The interval at t rests on data known at t: outcomes realised later do not move it.
        double[,] y = (double[,])panel.Y.Clone();
        for (int t = 200; t < panel.Dates.Length; t++)
        {
            y[t, 1] += 5;
        }

        SignalTable later = WalkForwardSignals.Build(panel.Dates, panel.X, ["x0", "x1"], panel.Arms, y, ["A", "B"], options);
        for (int t = 0; t <= 200; t++)
        {
            Assert.Equal(table.Lower(1)[t], later.Lower(1)[t]);
            Assert.Equal(table.Upper(1)[t], later.Upper(1)[t]);
        }
    }

    [Fact]
    public void Too_little_data_is_refused_with_the_reason()
    {
        Panel panel = Generate(50, 2);

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            WalkForwardSignals.Build(panel.Dates, panel.X, ["x0", "x1"], panel.Arms, panel.Y, ["A", "B"], Options));

        Assert.Contains("never 60 usable samples", error.Message, StringComparison.Ordinal);
    }
}
