using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Causal.Surprises;

namespace MacroLab.Causal.Tests;

public sealed class SurpriseSeriesTests
{
    [Fact]
    public void Expectations_use_only_earlier_values()
    {
        double[] x = [1, 2, 4, 7, 11];

        SurpriseSeries previous = SurpriseSeries.Compute(x, new SurpriseDefinition { Feature = "x", Expectation = ExpectationModel.PreviousValue, MinHistory = 2 });
        SurpriseSeries mean = SurpriseSeries.Compute(x, new SurpriseDefinition { Feature = "x", Expectation = ExpectationModel.RollingMean, Window = 2, MinHistory = 2 });

        Assert.Equal([double.NaN, 1, 2, 4, 7], previous.Expected);
        Assert.Equal([double.NaN, 1, 2, 3, 4], previous.Surprise);
        Assert.Equal([double.NaN, double.NaN, 1.5, 3, 5.5], mean.Expected);
        // The scale at t is the standard deviation of the surprises before t: at t = 3 of {1, 2}.
        Assert.Equal(3 / Math.Sqrt(0.5), previous.Scaled[3], 12);
        Assert.Equal([-1, -1, -1, 1, 1], previous.Arms);
    }

    [Fact]
    public void An_exact_ar1_process_has_no_surprise_after_the_window()
    {
        var x = new double[40];
        x[0] = 5;
        for (int t = 1; t < x.Length; t++)
        {
            x[t] = 1 + (0.8 * x[t - 1]);
        }

        SurpriseSeries series = SurpriseSeries.Compute(x, new SurpriseDefinition { Feature = "x", Window = 10 });

        Assert.All(Enumerable.Range(10, 30), t => Assert.Equal(0, series.Surprise[t], 9));
    }

    [Fact]
    public void Three_arms_split_negative_neutral_and_positive()
    {
        var random = new Random(4);
        double[] x = [.. Enumerable.Range(0, 200).Select(_ => random.NextDouble())];
        SurpriseSeries series = SurpriseSeries.Compute(x, new SurpriseDefinition { Feature = "x", Expectation = ExpectationModel.RollingMean, Window = 12, Arms = TreatmentArms.NegativeNeutralPositive, Threshold = 0.5 });

        for (int t = 0; t < x.Length; t++)
        {
            double s = series.Scaled[t];
            int expected = double.IsNaN(s) ? -1 : s < -0.5 ? 1 : s > 0.5 ? 2 : 0;
            Assert.Equal(expected, series.Arms[t]);
        }

        Assert.Contains(1, series.Arms);
        Assert.Contains(2, series.Arms);
    }

    [Property(MaxTest = 200, Replay = "(271828,314159)")]
    public bool Changing_values_after_t_leaves_everything_up_to_t_unchanged(PositiveInt seed, PositiveInt cutSeed)
    {
        var random = new Random(seed.Get);
        double[] x = [.. Enumerable.Range(0, 120).Select(_ => random.NextDouble())];
        int cut = cutSeed.Get % x.Length;
        double[] changed = [.. x.Select((v, t) => t > cut ? v + random.NextDouble() - 0.5 : v)];
        foreach (ExpectationModel model in Enum.GetValues<ExpectationModel>())
        {
            var definition = new SurpriseDefinition { Feature = "x", Expectation = model, Window = 12 };
            SurpriseSeries a = SurpriseSeries.Compute(x, definition), b = SurpriseSeries.Compute(changed, definition);
            for (int t = 0; t <= cut; t++)
            {
                if (!a.Surprise[t].Equals(b.Surprise[t]) || !a.Scaled[t].Equals(b.Scaled[t]) || a.Arms[t] != b.Arms[t])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
