using System.Text.Json;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Stages;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

namespace MacroLab.Backtest.Tests.Stages;

public sealed class BacktestStageTests(GoldLake gold) : IClassFixture<GoldLake>
{
    [Fact]
    public async Task A_single_strategy_writes_results_report_and_returns_and_an_unchanged_rerun_is_skipped()
    {
        var stage = new BacktestStage(gold.Lake);
        var options = new BacktestStageOptions { Name = "sixty_forty", Strategy = "sixty-forty" };

        BacktestStageResult written = await stage.RunAsync(options);
        BacktestStageResult again = await stage.RunAsync(options);

        Assert.Equal(DatasetStatus.Written, written.Status);
        Assert.Equal(DatasetStatus.Unchanged, again.Status);
        Assert.Equal(written.Summary, again.Summary);
        Assert.Equal(new DateOnly(1972, 2, 29), written.Summary.Start); // 120 months of training after UST10Y returns start, first January test
        Assert.True(written.Summary.Periods > 500);

        DatasetManifest results = (await gold.Lake.GetManifestAsync("gold/backtests/sixty_forty/results"))!;
        using JsonDocument json = JsonDocument.Parse(await gold.Lake.ReadContentAsync(results));
        JsonElement metrics = json.RootElement.GetProperty("metrics");
        foreach (string key in (string[])["annualReturn", "annualVolatility", "sharpe", "sortino", "maxDrawdown", "calmar", "skewness", "kurtosis", "hitRate", "psr"])
        {
            Assert.True(metrics.TryGetProperty(key, out _), key);
        }

        Assert.Equal(written.Summary.Sharpe, metrics.GetProperty("sharpe").GetDouble());
        Assert.Equal(written.Summary.Periods, json.RootElement.GetProperty("returns").GetArrayLength());
        Assert.Equal("sixty-forty", json.RootElement.GetProperty("strategy").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("gates").GetProperty("gates").GetArrayLength());
        Assert.Equal([await gold.Lake.ResolveAsync("gold/features/macro_monthly"), await gold.Lake.ResolveAsync("gold/labels/us_macro5")], results.Inputs.Select(i => i.Dataset));
        Assert.All(results.Inputs, i => Assert.Matches("@[0-9a-f]{12}$", i.Dataset));

        string html = System.Text.Encoding.UTF8.GetString(await gold.Lake.ReadContentAsync((await gold.Lake.GetManifestAsync("gold/backtests/sixty_forty/report"))!));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Promotion gates", html, StringComparison.Ordinal);

        TimeSeriesTableAssert(await gold.Lake.ReadTableAsync("gold/backtests/sixty_forty/returns"), written.Result!);
    }

    [Fact]
    public async Task A_lockbox_holds_out_the_last_decisions_exactly_as_if_the_data_ended_before_them()
    {
        var stage = new BacktestStage(gold.Lake);
        var grid = new ParameterGrid([new("lambda", ["1", "100"]), new("horizon", ["1", "3"])]);
        var held = new BacktestStageOptions { Name = "lockbox_held", Strategy = "ridge", Grid = grid, HoldOutPeriods = 36 };

        await stage.RunAsync(held);
        Reporting.BacktestRecord heldOut = Reporting.BacktestJson.Deserialize(
            await gold.Lake.ReadContentAsync((await gold.Lake.GetManifestAsync("gold/backtests/lockbox_held/results"))!), "held");
        Reporting.HeldOutSpan span = heldOut.HeldOut!;
        await stage.RunAsync(held with { Name = "lockbox_cut", HoldOutPeriods = 0, End = heldOut.Dataset.LastDecision });
        Reporting.BacktestRecord cut = Reporting.BacktestJson.Deserialize(
            await gold.Lake.ReadContentAsync((await gold.Lake.GetManifestAsync("gold/backtests/lockbox_cut/results"))!), "cut");

        Assert.Equal(36, span.Periods);
        Assert.True(heldOut.Dataset.LastDecision < span.FirstDecision);
        Assert.True(heldOut.Returns[^1].Date <= span.FirstDecision, "no return after the lockbox's first decision is in the record");
        Assert.Null(cut.HeldOut);
        Assert.Equal(cut.Returns.Select(r => (r.Date, r.Net)), heldOut.Returns.Select(r => (r.Date, r.Net)));
        Assert.Equal(cut.Metrics.Sharpe, heldOut.Metrics.Sharpe);
        Assert.Equal(cut.Selection!.Steps, heldOut.Selection!.Steps);
        await Assert.ThrowsAsync<ArgumentException>(() => stage.RunAsync(held with { Name = "lockbox_all", HoldOutPeriods = 100000 }));
    }

    private static void TimeSeriesTableAssert(MacroLab.Data.TimeSeriesTable table, BacktestResult result)
    {
        Assert.Equal(result.NetReturns.Dates, table.Dates);
        Assert.Equal(result.NetReturns.Values.ToArray(), table.Column("net").ToArray());
        Assert.Equal(0.6, table.Column("weight.US_EQUITY")[0], 12);
    }

    [Fact]
    public async Task Forcing_a_rerun_gives_bit_identical_content()
    {
        var stage = new BacktestStage(gold.Lake);
        var options = new BacktestStageOptions { Name = "ridge_single", Strategy = "ridge", Parameters = new Dictionary<string, string> { ["lambda"] = "10" } };

        await stage.RunAsync(options);
        string[] before = await DigestsAsync("ridge_single");
        await stage.RunAsync(options with { Force = true, MaxParallelism = 1 });

        Assert.Equal(before, await DigestsAsync("ridge_single"));
    }

    [Fact]
    public async Task A_grid_keeps_its_trials_and_reports_the_deflated_sharpe()
    {
        var options = new BacktestStageOptions
        {
            Name = "momentum_grid",
            Strategy = "momentum",
            Grid = new ParameterGrid([new("lookback", ["3", "6", "12"])]),
        };

        BacktestStageResult result = await new BacktestStage(gold.Lake).RunAsync(options);

        Assert.Equal(3, result.Summary.Trials);
        Assert.Equal(3, result.Grid!.Trials.Count);
        Assert.Equal(result.Grid.SelectedResult!.Metrics.Dsr, result.Summary.DeflatedSharpe);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(gold.Root, "gold", "backtests", "momentum_grid", "trials"), "*.json", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_failing_run_leaves_the_lake_as_it_was()
    {
        var stage = new BacktestStage(gold.Lake);

        await Assert.ThrowsAsync<ArgumentException>(() => stage.RunAsync(new BacktestStageOptions { Name = "broken", Strategy = "ridge", Parameters = new Dictionary<string, string> { ["horizon"] = "0" } }));
        await Assert.ThrowsAsync<ArgumentException>(() => stage.RunAsync(new BacktestStageOptions { Name = "broken", Start = new DateOnly(2030, 1, 31) }));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => stage.RunAsync(new BacktestStageOptions { Name = "broken", FeatureSet = "missing" }));

        Assert.False(Directory.Exists(Path.Combine(gold.Root, "gold", "backtests", "broken")));
    }

    [Fact]
    public async Task Signal_sets_are_added_to_the_features_and_recorded_as_inputs()
    {
        MacroLab.Data.TimeSeriesTable features = await gold.Lake.ReadTableAsync("gold/features/macro_monthly");
        int rows = features.RowCount;
        string[] assets = ["US_EQUITY", "SMB", "HML", "UST10Y"];
        LakeTransaction transaction = gold.Lake.BeginTransaction();
        var recipe = new DatasetRecipe("test", 1, new Dictionary<string, string>(), []);
        await transaction.AddTableAsync("gold/signals/always_long", MacroLab.Data.TimeSeriesTable.Create(
            features.Dates, [.. assets.Select(a => $"cate.{a}")], [.. assets.Select(_ => Enumerable.Repeat(1.0, rows).ToArray())]), recipe);
        await transaction.CommitAsync();

        BacktestStageResult result = await new BacktestStage(gold.Lake).RunAsync(
            new BacktestStageOptions { Name = "signal_sign", Strategy = "signal-sign", Signals = ["always_long"] });

        // Every signal positive: a quarter in each risky asset, nothing left for cash.
        Assert.Equal(0.25, result.Result!.Simulation.HeldWeights[0], 12);
        Assert.Equal(0, result.Result.Simulation.HeldWeights[4], 12);
        DatasetManifest manifest = (await gold.Lake.GetManifestAsync("gold/backtests/signal_sign/results"))!;
        Assert.Contains("gold/signals/always_long", manifest.Inputs.Select(i => i.Dataset));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => new BacktestStage(gold.Lake).RunAsync(new BacktestStageOptions { Name = "x", Signals = ["missing"] }));
    }

    [Fact]
    public async Task Signal_sign_with_significant_trades_only_where_the_interval_excludes_zero()
    {
        MacroLab.Data.TimeSeriesTable features = await gold.Lake.ReadTableAsync("gold/features/macro_monthly");
        int rows = features.RowCount;
        // Every signal is positive; only US_EQUITY's and HML's intervals exclude zero (HML's from below: [0.1, 0.9]).
        (string Asset, double Lower, double Upper)[] intervals = [("US_EQUITY", 0.2, 1.5), ("SMB", -0.3, 0.8), ("HML", 0.1, 0.9), ("UST10Y", -1, 2)];
        var columns = new List<string>();
        var values = new List<double[]>();
        foreach ((string asset, double lower, double upper) in intervals)
        {
            columns.AddRange([$"cate.{asset}", $"cate.{asset}.lower", $"cate.{asset}.upper"]);
            values.AddRange([Enumerable.Repeat(0.5, rows).ToArray(), Enumerable.Repeat(lower, rows).ToArray(), Enumerable.Repeat(upper, rows).ToArray()]);
        }

        LakeTransaction transaction = gold.Lake.BeginTransaction();
        await transaction.AddTableAsync("gold/signals/with_intervals", MacroLab.Data.TimeSeriesTable.Create(features.Dates, columns, values), new DatasetRecipe("test", 1, new Dictionary<string, string>(), []));
        await transaction.CommitAsync();
        var options = new BacktestStageOptions
        {
            Name = "significant", Strategy = "signal-sign", Signals = ["with_intervals"], SignalIntervals = true,
            Parameters = new Dictionary<string, string> { ["significant"] = "true" },
        };

        BacktestStageResult significant = await new BacktestStage(gold.Lake).RunAsync(options);
        BacktestStageResult every = await new BacktestStage(gold.Lake).RunAsync(options with { Name = "every_sign", Parameters = new Dictionary<string, string>() });

        // Weights are sign / 4 on the traded assets (US_EQUITY, SMB, HML, UST10Y, CASH): with significant, SMB and UST10Y wait.
        Assert.Equal([0.25, 0, 0.25, 0, 0.5], significant.Result!.Simulation.HeldWeights.Take(5).Select(w => Math.Round(w, 12)));
        Assert.Equal([0.25, 0.25, 0.25, 0.25, 0], every.Result!.Simulation.HeldWeights.Take(5).Select(w => Math.Round(w, 12)));
        ArgumentException missing = await Assert.ThrowsAsync<ArgumentException>(() => new BacktestStage(gold.Lake).RunAsync(options with { Name = "no_bounds", SignalIntervals = false }));
        Assert.Contains("needs the signals' intervals", missing.Message, StringComparison.Ordinal);
    }

    private async Task<string[]> DigestsAsync(string name) =>
        [.. await Task.WhenAll(((string[])["results", "report", "returns"]).Select(async d => (await gold.Lake.GetManifestAsync($"gold/backtests/{name}/{d}"))!.ContentSha256))];
}
