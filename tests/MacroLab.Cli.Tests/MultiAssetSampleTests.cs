using MacroLab.Data;
using MacroLab.Data.Storage;

namespace MacroLab.Cli.Tests;

/// <summary>The multi-asset sample configuration runs the whole pipeline on the bundled data with its own universe.</summary>
public sealed class MultiAssetSampleTests
{
    [Fact]
    public async Task The_sample_universe_runs_end_to_end_with_bonds_currencies_oil_and_its_own_costs()
    {
        using var folder = new TemporaryFolder();
        string config = Path.Combine(Repository.Root, "samples", "configs", "multi_asset.yaml");
        (int code, string output, string error) = await Cli.RunAsync("run", "--config", config, "--lake", folder.File("lake"));

        // Every stage ran; the model is registered (whether the gates promote it is the data's answer, not the machinery's).
        Assert.True(code is 0 or 3, $"exit {code}: {error}");
        Assert.Contains("registered as multi_asset:1", output, StringComparison.Ordinal);

        TimeSeriesTable returns = await new Lake(new LocalObjectStore(folder.File("lake"))).ReadTableAsync("gold/assets/multi_asset");
        Assert.Equal(["US_EQUITY", "UST2Y", "UST10Y", "UST30Y", "JPY", "GBP", "CHF", "CAD", "OIL", "CASH"], returns.Columns);
        double? At(int year, int month, string asset) => returns[returns.IndexOf(new DateOnly(year, month, 1)), returns.IndexOf(asset)];

        // October 2008: the yen rallied against the dollar (monthly average 106.7 -> 100.3 yen per dollar) and sterling fell;
        // November 2008: WTI's monthly average fell by about a quarter (76.6 -> 57.3 dollars).
        Assert.InRange(At(2008, 10, "JPY")!.Value, 0.05, 0.08);
        Assert.InRange(At(2008, 10, "GBP")!.Value, -0.10, -0.04);
        Assert.InRange(At(2008, 11, "OIL")!.Value, -0.30, -0.20);

        // H.15's two-year yield starts on 1976-06-01: the first month with a month end before and after it is July 1976.
        // Before, the asset has no return rather than a made-up one.
        Assert.Null(At(1976, 6, "UST2Y"));
        Assert.NotNull(At(1976, 7, "UST2Y"));
        Assert.NotNull(At(1976, 6, "UST10Y"));
    }

    [Fact]
    public async Task An_asset_whose_series_no_source_holds_is_a_configuration_error_naming_it_and_the_feature_stage_writes_nothing()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("pipeline.yaml"), """
            name: gold_test
            universe:
              name: with_gold
              assets:
                - { name: US_EQUITY, series: [FF.Mkt-RF, FF.RF] }
                - { name: GOLD, kind: price, series: [GOLDAMGBD228NLBM] }
                - { name: CASH, series: [FF.RF] }
            """);

        (int code, _, string error) = await Cli.RunAsync("run", "--config", folder.File("pipeline.yaml"), "--lake", folder.File("lake"), "--until", "features");

        Assert.Equal(78, code);
        Assert.Contains("universe.assets[1]: the asset 'GOLD' (price) has no returns: its series 'GOLDAMGBD228NLBM' is in no ingested source", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.File("lake"), "gold"))); // the feature stage failed as a whole: no features without labels
    }
}
