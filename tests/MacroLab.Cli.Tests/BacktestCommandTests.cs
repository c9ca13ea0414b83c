namespace MacroLab.Cli.Tests;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Lake => _folder.File("lake");

    [Fact]
    public async Task Backtest_without_a_lake_or_without_gold_exits_66_says_what_to_run_and_creates_nothing()
    {
        (int code, _, string error) = await Cli.RunAsync("backtest", "--lake", Lake, "--strategy", "equal-weight");

        Assert.Equal(66, code);
        Assert.Contains($"There is no lake at {Lake}", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Lake), "a read-only verb created the lake");

        Assert.Equal(0, (await Cli.RunAsync("ingest", "--lake", Lake, "--source", "famafrench", "--input", Repository.Sample("fama_french_3factors", "F-F_Research_Data_Factors.CSV"))).ExitCode);
        (code, _, error) = await Cli.RunAsync("backtest", "--lake", Lake, "--strategy", "equal-weight");

        Assert.Equal(66, code);
        Assert.Contains("run the feature stage first", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_error_exits_before_reading_the_lake_naming_the_file_and_field()
    {
        File.WriteAllText(_folder.File("bt.json"), """{ "strategy": "ridge", "grid": { "lambda": ["1", "-2"] } }""");

        (int code, _, string error) = await Cli.RunAsync("backtest", "--lake", Lake, "--config", _folder.File("bt.json"));

        Assert.Equal(78, code);
        Assert.Contains($"{_folder.File("bt.json")}: Strategy 'ridge': parameter 'lambda' is '-2'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Lake));
    }

    [Fact]
    public async Task A_strategy_on_the_sample_lake_writes_its_report_and_copies_it_out()
    {
        // Gold and the signals are all a backtest reads.
        (int built, _, string buildError) = await Cli.RunAsync("run", "--lake", Lake, "--data", Path.Combine(Repository.Root, "samples", "data"), "--until", "signals");
        Assert.True(built == 0, buildError);

        // The verb's defaults are the pipeline's treatment: `macrolab signals` finds the pipeline's signal set up to date,
        // and flags that change the definition make another signal set (named apart: two variants of one name are ambiguous).
        (int same, string sameOutput, string sameError) = await Cli.RunAsync("signals", "--lake", Lake);
        Assert.True(same == 0, sameError);
        Assert.Contains("Signals (unchanged): gold/signals/cpi_surprise@", sameOutput, StringComparison.Ordinal);
        Assert.Contains("cate.US_EQUITY.lower", sameOutput, StringComparison.Ordinal);
        (int other, string otherOutput, string otherError) = await Cli.RunAsync("signals", "--lake", Lake, "--signals-name", "cpi_mean", "--bootstrap", "0", "--expectation", "mean");
        Assert.True(other == 0, otherError);
        Assert.Contains("Signals (written): gold/signals/cpi_mean@", otherOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(".lower", otherOutput, StringComparison.Ordinal);
        (int bad, _, string badError) = await Cli.RunAsync("signals", "--lake", Lake, "--bootstrap", "5");
        Assert.Equal(64, bad);
        Assert.Contains("--bootstrap is 5", badError, StringComparison.Ordinal);

        (int code, string output, string error) = await Cli.RunAsync(
            "backtest", "--lake", Lake, "--strategy", "momentum", "--param", "lookback=6", "--name", "tsmom", "--out", _folder.File("out"));

        Assert.True(code == 0, error);
        Assert.Contains("Backtest (written): gold/backtests/tsmom/results", output, StringComparison.Ordinal);
        Assert.Contains("lookback=6", output, StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(_folder.File("out/report.html")), StringComparison.Ordinal);
        Assert.Contains("\"strategy\": \"momentum\"", File.ReadAllText(_folder.File("out/results.json")), StringComparison.Ordinal);

        File.WriteAllText(_folder.File("strict.json"), """{ "name": "strict", "strategy": "momentum", "grid": { "lookback": [3, 12] }, "selection": { "maxDrawdown": 0 } }""");
        (int none, _, string why) = await Cli.RunAsync("backtest", "--lake", Lake, "--config", _folder.File("strict.json"));

        Assert.Equal(65, none);
        Assert.Contains("none of the 2 trials meets the constraints", why, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Lake, "gold", "backtests", "strict", "results")));

        // A grid's trials join the lake registry's ledger once: a re-run adds none.
        File.WriteAllText(_folder.File("grid.json"), """{ "name": "tsmom_grid", "strategy": "momentum", "grid": { "lookback": [3, 12] } }""");
        (int grid, string recorded, string gridError) = await Cli.RunAsync("backtest", "--lake", Lake, "--config", _folder.File("grid.json"));
        (int again, string rerecorded, _) = await Cli.RunAsync("backtest", "--lake", Lake, "--config", _folder.File("grid.json"));

        Assert.True(grid == 0, gridError);
        Assert.Matches(@"Ledger: 2 new of 2 trials recorded on lineage [0-9a-f]{16}; 2 trials in all on this data", recorded);
        Assert.Equal(0, again);
        Assert.Contains("Ledger: 0 new of 2 trials", rerecorded, StringComparison.Ordinal);
    }
}
