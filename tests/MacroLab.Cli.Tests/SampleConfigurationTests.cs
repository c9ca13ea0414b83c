using MacroLab.Data;
using MacroLab.Data.Storage;

namespace MacroLab.Cli.Tests;

/// <summary>The sample configurations run the whole pipeline on the bundled data: a universe of one's own, and daily decisions.</summary>
public sealed class SampleConfigurationTests
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

    [Fact]
    public async Task Daily_decisions_run_end_to_end_on_the_daily_factors_with_daily_returns_labels_and_annualisation()
    {
        using var folder = new TemporaryFolder();
        string config = Path.Combine(Repository.Root, "samples", "configs", "daily_ff.yaml");
        (int code, string output, string error) = await Cli.RunAsync("run", "--config", config, "--lake", folder.File("lake"));

        Assert.True(code is 0 or 3, $"exit {code}: {error}");
        Assert.Contains("registered as daily_ff:1", output, StringComparison.Ordinal);
        Assert.Matches(@"features x \d{4} decision dates \(1995-01-02 \.\. 2026-03-31\)", output);

        var lake = new Lake(new LocalObjectStore(folder.File("lake")));
        TimeSeriesTable returns = await lake.ReadTableAsync("gold/assets/us_daily5");
        TimeSeriesTable labels = await lake.ReadTableAsync("gold/labels/us_daily5");
        Assert.All(returns.Dates, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{d} is a weekend"));
        Assert.Contains("US_EQUITY.fwd1d", labels.Columns);
        Assert.Contains("UST10Y.fwd21d", labels.Columns);

        // Monday 13 October 2008: the market rose 11.35 % (Fama-French daily, plus the 0.004 % T-bill), decided on Friday the 10th.
        Assert.Equal(0.1135 + 0.00004, returns[returns.IndexOf(new DateOnly(2008, 10, 13)), returns.IndexOf("US_EQUITY")]!.Value, 10);
        Assert.Equal(0.1135 + 0.00004, labels[labels.IndexOf(new DateOnly(2008, 10, 10)), labels.IndexOf("US_EQUITY.fwd1d")]!.Value, 10);

        // The backtest's record counts business days and annualises with 261 of them.
        using var results = System.Text.Json.JsonDocument.Parse(await lake.ReadContentAsync(await lake.RequireAsync("gold/backtests/daily_ff/results", "run the pipeline")));
        System.Text.Json.JsonElement metrics = results.RootElement.GetProperty("metrics");
        Assert.Equal(261, metrics.GetProperty("periodsPerYear").GetInt32());
        Assert.InRange(metrics.GetProperty("periods").GetInt32(), 2500, 4000); // about twelve years of business days, not months

        // The summary and the report speak of business days, and annualise with 261 of them.
        Assert.Matches(@"Decisions: \d{4} business days", output);
        string report = System.Text.Encoding.UTF8.GetString(await lake.ReadContentAsync(await lake.RequireAsync("gold/runs/daily_ff/report", "run the pipeline")));
        Assert.Contains("<h2>Decisions, every business day</h2>", report, StringComparison.Ordinal);
        Assert.Contains("sqrt(261)", report, StringComparison.Ordinal);
        Assert.Contains("alt=\"the model&#39;s tilts at every business day\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("month end", report, StringComparison.Ordinal);
    }
}
