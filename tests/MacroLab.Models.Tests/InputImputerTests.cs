using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Scoring;

namespace MacroLab.Models.Tests;

/// <summary>The missing-input policy every consumer applies: impute at the training mean with a flag, or refuse with the reason.</summary>
public sealed class InputImputerTests
{
    private static readonly string[] Features = ["cpi", "ip", "spread", "vol"];
    private static readonly double[] Means = [0.03, 0.02, 1.5, 0.15];

    [Fact]
    public void A_missing_value_enters_at_its_training_mean_and_is_named()
    {
        var imputer = new InputImputer(Features, Means, lookback: 1);
        var input = new float[4];

        Imputation imputation = imputer.Fill([0.05, double.NaN, 2.0, 0.2], input);

        Assert.Equal((1, false), (imputation.Imputed, imputation.IsRefused));
        Assert.Equal([0.05f, 0.02f, 2.0f, 0.2f], input);
        Assert.Equal(["ip"], imputer.ImputedFeatures([0.05, double.NaN, 2.0, 0.2]));
    }

    [Fact]
    public void More_than_the_policy_allows_is_refused_with_the_reason()
    {
        var imputer = new InputImputer(Features, Means, lookback: 1);
        var input = new float[4];

        Imputation refused = imputer.Fill([double.NaN, double.NaN, 2.0, double.PositiveInfinity], input);

        Assert.True(refused.IsRefused);
        Assert.Equal("3 of the 4 input values are unknown (75 %), more than the model's policy allows (25 %): no decision", refused.Refusal);
        Assert.Equal(["cpi", "ip", "vol"], imputer.ImputedFeatures([double.NaN, double.NaN, 2.0, double.PositiveInfinity]));
        Assert.False(new InputImputer(Features, Means, 1, new MissingInputPolicy { MaxImputedShare = 0.75 }).Fill([double.NaN, double.NaN, 2.0, double.NaN], input).IsRefused);
    }

    [Fact]
    public void A_window_counts_every_date_and_names_a_feature_once()
    {
        var imputer = new InputImputer(Features, Means, lookback: 3);
        double[] raw = [.. Enumerable.Repeat(1.0, 12)];
        raw[1] = double.NaN;     // ip, oldest date
        raw[5] = double.NaN;     // ip, middle date
        var input = new float[12];

        Imputation imputation = imputer.Fill(raw, input);

        Assert.Equal((2, false), (imputation.Imputed, imputation.IsRefused));
        Assert.Equal(0.02f, input[1]);
        Assert.Equal(0.02f, input[5]);
        Assert.Equal(["ip"], imputer.ImputedFeatures(raw));
        Assert.Throws<ArgumentException>(() => imputer.Fill(new double[4], input));
    }

    [Fact]
    public void An_inconsistent_card_or_policy_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new InputImputer(Features, [0.1, 0.2], 1));
        Assert.Throws<ArgumentException>(() => new InputImputer(Features, Means, 1, new MissingInputPolicy { MaxImputedShare = 1.5 }));
    }

    [Property(MaxTest = 300, Replay = "(1234567,7654321)")]
    public Property Known_values_pass_through_unknown_ones_take_the_mean_and_the_refusal_follows_the_share() =>
        Prop.ForAll(
            Gen.ListOf(Gen.OneOf(Gen.Choose(-1000, 1000).Select(v => v / 10.0), Gen.Constant(double.NaN)), 8).ToArbitrary(),
            Gen.Choose(0, 100).ToArbitrary(),
            (values, percent) =>
            {
                double[] raw = [.. values];
                var imputer = new InputImputer(Features, Means, lookback: 2, new MissingInputPolicy { MaxImputedShare = percent / 100.0 });
                var input = new float[8];
                Imputation imputation = imputer.Fill(raw, input);
                int unknown = raw.Count(double.IsNaN);

                Assert.Equal(unknown, imputation.Imputed);
                Assert.Equal((double)unknown / 8 > percent / 100.0, imputation.IsRefused);
                for (int i = 0; i < 8; i++)
                {
                    Assert.Equal(double.IsNaN(raw[i]) ? (float)Means[i % 4] : (float)raw[i], input[i]);
                }

                Assert.Equal(Features.Where((_, f) => double.IsNaN(raw[f]) || double.IsNaN(raw[4 + f])), imputer.ImputedFeatures(raw));
            });
}
