using MacroLab.Backtest.Metrics;

namespace MacroLab.Backtest.Tests.Metrics;

public sealed class SharpeDifferenceTestTests
{
    /// <summary>Two return series with the same Sharpe ratio, correlated, optionally AR(1) and with volatility clusters.</summary>
    private static (double[] A, double[] B) NullPair(Random random, int periods, double phi, double correlation)
    {
        double[] a = new double[periods], b = new double[periods];
        double ea = 0, eb = 0;
        for (int t = -50; t < periods; t++)
        {
            double z1 = Normal(random), z2 = (correlation * z1) + (Math.Sqrt(1 - (correlation * correlation)) * Normal(random));
            ea = (phi * ea) + (Math.Sqrt(1 - (phi * phi)) * z1);
            eb = (phi * eb) + (Math.Sqrt(1 - (phi * phi)) * z2);
            if (t >= 0)
            {
                // Same mean/volatility ratio (0.1 per period), different scales.
                a[t] = 0.004 + (0.04 * ea);
                b[t] = 0.002 + (0.02 * eb);
            }
        }

        return (a, b);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 0.5)]
    public void Under_the_null_the_rejection_rate_is_near_the_level(double phi, double correlation)
    {
        const int Replications = 300;
        var random = new Random(20081);
        int rejected = 0, rejectedGreater = 0;
        for (int r = 0; r < Replications; r++)
        {
            (double[] a, double[] b) = NullPair(random, 240, phi, correlation);
            SharpeDifference test = SharpeDifferenceTest.Run(a, b, 12, seed: r, resamples: 499);
            rejected += test.PValueTwoSided < 0.05 ? 1 : 0;
            rejectedGreater += test.PValueGreater < 0.05 ? 1 : 0;
        }

        double rate = rejected / (double)Replications, greater = rejectedGreater / (double)Replications;
        // 300 replications: a true size of 5 % gives a rate within [0.02, 0.09] with probability above 0.99.
        Assert.InRange(rate, 0.02, 0.09);
        Assert.InRange(greater, 0.02, 0.09);
    }

    [Fact]
    public void A_real_difference_is_detected_and_the_interval_covers_it()
    {
        var random = new Random(5);
        double[] a = new double[600], b = new double[600];
        for (int t = 0; t < a.Length; t++)
        {
            double common = Normal(random);
            b[t] = 0.002 + (0.03 * common);
            a[t] = 0.012 + (0.03 * ((0.5 * common) + (Math.Sqrt(0.75) * Normal(random))));
        }

        SharpeDifference test = SharpeDifferenceTest.Run(a, b, 12, seed: 1);

        Assert.True(test.PValueGreater < 0.01, $"p = {test.PValueGreater}");
        Assert.True(test.PValueLess > 0.9, $"p(less) = {test.PValueLess}");
        Assert.InRange(test.Difference, test.Lower, test.Upper);
        Assert.True(test.Lower > 0, $"the 95 % interval [{test.Lower}, {test.Upper}] must exclude 0");
        Assert.Equal(test.Sharpe - test.OtherSharpe, test.Difference, 12);
        Assert.Equal(9, test.BlockLength); // ceil(600^(1/3))
    }

    [Fact]
    public void Same_inputs_and_seed_give_the_same_result_and_bad_input_is_named()
    {
        (double[] a, double[] b) = NullPair(new Random(3), 120, 0.2, 0.3);

        Assert.Equal(SharpeDifferenceTest.Run(a, b, 12, seed: 9), SharpeDifferenceTest.Run(a, b, 12, seed: 9));
        Assert.Contains("same periods", Assert.Throws<ArgumentException>(() => SharpeDifferenceTest.Run(a, b.AsSpan(1), 12, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 12", Assert.Throws<ArgumentException>(() => SharpeDifferenceTest.Run(a.AsSpan(0, 5), b.AsSpan(0, 5), 12, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("no variance", Assert.Throws<ArgumentException>(() => SharpeDifferenceTest.Run(a, new double[120], 12, 0)).Message, StringComparison.Ordinal);
        a[7] = double.NaN;
        Assert.Contains("Period 7", Assert.Throws<ArgumentException>(() => SharpeDifferenceTest.Run(a, b, 12, 0)).Message, StringComparison.Ordinal);
    }
}
