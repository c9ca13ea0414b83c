using MacroLab.Causal.Stages;
using MacroLab.Causal.Surprises;
using MacroLab.Data;
using MacroLab.Data.Stages;

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
        DatasetManifestAssert(await gold.Lake.GetManifestAsync("gold/signals/cpi_surprise"));
    }

    private static void DatasetManifestAssert(MacroLab.Data.Storage.DatasetManifest? manifest)
    {
        Assert.NotNull(manifest);
        Assert.Equal(["gold/features/macro_monthly", "gold/labels/us_macro5"], manifest.Inputs.Select(i => i.Dataset));
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
        Assert.Null(await gold.Lake.GetManifestAsync("gold/signals/broken"));
    }
}
