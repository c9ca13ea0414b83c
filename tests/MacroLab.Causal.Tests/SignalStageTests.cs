using MacroLab.Causal.Stages;
using MacroLab.Causal.Surprises;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

namespace MacroLab.Causal.Tests;

public sealed class SignalStageTests(GoldLake gold) : IClassFixture<GoldLake>
{
    [Fact]
    public async Task Cpi_surprise_signals_are_written_beside_gold_and_an_unchanged_rerun_is_skipped()
    {
        var stage = new SignalStage(gold.Lake);

        SignalStageResult written = await stage.RunAsync(new SignalStageOptions());
        SignalStageResult again = await stage.RunAsync(new SignalStageOptions());

        Assert.Equal(DatasetStatus.Written, written.Status);
        Assert.Equal(DatasetStatus.Unchanged, again.Status);
        Assert.Equal(written.Treated, again.Treated);
        Assert.Equal(written.FirstSignal, again.FirstSignal);
        TimeSeriesTable table = await gold.Lake.ReadTableAsync("gold/signals/cpi_surprise");
        Assert.Equal(["surprise", "surprise.scaled", "treatment", "cate.US_EQUITY", "cate.SMB", "cate.HML", "cate.UST10Y", "cate.CASH"], table.Columns);
        int first = table.IndexOf(written.FirstSignal!.Value);
        Assert.True(double.IsNaN(table.Column("cate.US_EQUITY")[first - 1]));
        Assert.True(double.IsFinite(table.Column("cate.US_EQUITY")[first]));
        Assert.True(written.Treated[1] > 50, $"{written.Treated[1]} treated months");
        string features = (await gold.Lake.ResolveAsync("gold/features/macro_monthly"))!, labels = (await gold.Lake.ResolveAsync("gold/labels/us_macro5"))!;
        Assert.Equal(SignalStage.Dataset(new SignalStageOptions { FeatureSet = features["gold/features/".Length..], Universe = labels["gold/labels/".Length..] }), written.Dataset);
        DatasetManifestAssert(await gold.Lake.GetManifestAsync(written.Dataset));
    }

    [Fact]
    public async Task Bootstrapped_signals_carry_interval_columns_that_stay_out_of_the_model_inputs_unless_asked_for()
    {
        var options = new SignalStageOptions
        {
            Name = "cpi_surprise_ci",
            Signals = new Signals.WalkForwardSignalOptions
            {
                Estimator = new MetaLearners.XLearner(new Learners.RidgeRegressionLearner(0.01), options: new MetaLearners.MetaLearnerOptions
                {
                    Seed = 3,
                    Bootstrap = new Bootstrap.BootstrapOptions { Resamples = 20 },
                }),
            },
        };

        SignalStageResult written = await new SignalStage(gold.Lake).RunAsync(options);
        TimeSeriesTable table = await gold.Lake.ReadTableAsync(written.Dataset);
        GoldDataset models = await GoldDataset.LoadAsync(gold.Lake, new GoldDatasetRequest { Signals = [written.Dataset["gold/signals/".Length..]] });
        GoldDataset research = await GoldDataset.LoadAsync(gold.Lake, new GoldDatasetRequest { Signals = [written.Dataset["gold/signals/".Length..]], SignalIntervals = true });

        Assert.Contains("cate.US_EQUITY.lower", table.Columns);
        Assert.Contains("cate.US_EQUITY.upper", table.Columns);
        int first = table.IndexOf(written.FirstSignal!.Value);
        Assert.True(table.Column("cate.US_EQUITY.lower")[first] <= table.Column("cate.US_EQUITY.upper")[first]);
        Assert.DoesNotContain(models.Features.Columns, SignalColumns.IsIntervalBound);
        Assert.Contains("cate.US_EQUITY", models.Features.Columns);
        Assert.Contains("cate.US_EQUITY.lower", research.Features.Columns);
        Assert.Equal(models.Features.Columns.Count + 10, research.Features.Columns.Count); // a lower and an upper bound for each of 5 assets
    }

    private static void DatasetManifestAssert(DatasetManifest? manifest)
    {
        Assert.NotNull(manifest);
        Assert.Equal(["gold/features/macro_monthly@", "gold/labels/us_macro5@"], manifest.Inputs.Select(i => i.Dataset[..(i.Dataset.IndexOf('@', StringComparison.Ordinal) + 1)]));
        Assert.Equal("signals", manifest.Stage);
    }

    [Fact]
    public async Task Three_arms_add_a_negative_column_and_a_missing_feature_writes_nothing()
    {
        var stage = new SignalStage(gold.Lake);
        SignalStageResult result = await stage.RunAsync(new SignalStageOptions
        {
            Name = "cpi_three",
            Surprise = new SurpriseDefinition { Feature = "CPIAUCSL.yoy", Arms = TreatmentArms.NegativeNeutralPositive, Expectation = ExpectationModel.PreviousValue },
        });

        Assert.Contains("cate.UST10Y.negative", result.Columns);
        Assert.Equal(3, result.Treated.Count);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() =>
            stage.RunAsync(new SignalStageOptions { Name = "broken", Surprise = new SurpriseDefinition { Feature = "NOPE.yoy" } }));
        Assert.Contains("no column 'NOPE.yoy'", error.Message, StringComparison.Ordinal);
        Assert.Null(await gold.Lake.ResolveAsync("gold/signals/broken"));
    }

    [Fact]
    public async Task Two_definitions_under_one_name_write_side_by_side_and_neither_overwrites_the_other()
    {
        var stage = new SignalStage(gold.Lake);
        var first = new SignalStageOptions { Name = "cpi_ablation" };
        var second = first with { Covariates = ["regime.growth", "regime.inflation"] };

        SignalStageResult a = await stage.RunAsync(first);
        SignalStageResult b = await stage.RunAsync(second);
        SignalStageResult aAgain = await stage.RunAsync(first);
        SignalStageResult bAgain = await stage.RunAsync(second);

        Assert.Equal(DatasetStatus.Written, a.Status);
        Assert.Equal(DatasetStatus.Written, b.Status);
        Assert.NotEqual(a.Dataset, b.Dataset);
        Assert.StartsWith("gold/signals/cpi_ablation@", a.Dataset, StringComparison.Ordinal);
        Assert.StartsWith("gold/signals/cpi_ablation@", b.Dataset, StringComparison.Ordinal);
        Assert.Equal((DatasetStatus.Unchanged, a.Dataset), (aAgain.Status, aAgain.Dataset));
        Assert.Equal((DatasetStatus.Unchanged, b.Dataset), (bAgain.Status, bAgain.Dataset));
        Assert.Equal("regime.growth,regime.inflation", (await gold.Lake.GetManifestAsync(b.Dataset))!.Parameters["covariates"]);
        Assert.Equal(string.Join(",", first.Covariates), (await gold.Lake.GetManifestAsync(a.Dataset))!.Parameters["covariates"]);

        // By name alone the lake cannot tell which is meant: the error lists both and the parameter that differs.
        AmbiguousDatasetException ambiguous = await Assert.ThrowsAsync<AmbiguousDatasetException>(() => gold.Lake.ReadTableAsync("gold/signals/cpi_ablation"));
        Assert.Equal(new[] { a.Dataset, b.Dataset }.Order(StringComparer.Ordinal), ambiguous.Variants.Select(v => v[..v.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.Contains("covariates=regime.growth,regime.inflation", ambiguous.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("estimator=", ambiguous.Message, StringComparison.Ordinal);
    }
}
