using System.Text.Json.Nodes;
namespace MacroLab.Cli.Tests;

public sealed class IngestAndRunTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private string Lake => _folder.File("lake");

    private static string SampleData => Path.Combine(Repository.Root, "samples", "data");

    [Fact]
    public async Task Run_with_no_configuration_runs_every_stage_on_the_bundled_data_rejects_the_model_honestly_and_a_rerun_skips_every_stage()
    {
        (int code, string output, string error) = await Cli.RunAsync("run", "--lake", Lake, "--data", SampleData);

        // The honest outcome on the bundled data: the MLP does not beat 60/40 significantly, so it is registered, not promoted.
        Assert.True(code == 3, error + output);
        Assert.Contains("ingest: reading vintages.csv.gz (0%)", error, StringComparison.Ordinal); // progress, plain when redirected
        Assert.Contains("backtest: trials 1/10 done", error, StringComparison.Ordinal);
        Assert.Contains("left (", error, StringComparison.Ordinal);
        Assert.Contains("silver/observations/fredmd-archive/vintages", output, StringComparison.Ordinal);
        Assert.Contains("1999-08 .. 2023-06, 267 vintages", output, StringComparison.Ordinal);
        Assert.Contains("silver/observations/rtdsm/pcpi", output, StringComparison.Ordinal);
        Assert.Matches(@"Real-time coverage \d{4}-\d{4}: model inputs", output);
        Assert.Matches(@"Decisions: \d+ month ends \d{4}-\d{2} \.\. 2026-03: \d+ with every input known, \d+ with inputs imputed, \d+ refused", output);
        Assert.Contains("on revised data (the latest vintage", output, StringComparison.Ordinal);
        Assert.DoesNotContain("601.000", output, StringComparison.Ordinal);
        Assert.Contains("Gold (written): gold/features/macro_monthly", output, StringComparison.Ordinal);
        Assert.Contains("Pseudo-real-time (first-vintage backfill) share of known cells:", output, StringComparison.Ordinal);
        Assert.Contains("Signals (written): gold/signals/cpi_surprise", output, StringComparison.Ordinal);
        Assert.Contains("Backtest (written): gold/backtests/macro_tilt/results", output, StringComparison.Ordinal);
        Assert.Contains("benchmark sixty-forty: Sharpe", output, StringComparison.Ordinal);
        Assert.Contains("chosen inside the walk-forward among 10 walk-forward trials", output, StringComparison.Ordinal);
        Assert.Contains("ablation without-signals: the full model's Sharpe minus the ablation's is", output, StringComparison.Ordinal);
        Assert.Contains("beats_benchmark", output, StringComparison.Ordinal);
        Assert.Contains("lockbox: sealed: the candidate failed beats_benchmark", output, StringComparison.Ordinal);
        Assert.Contains("Registry: macro_tilt:1", output, StringComparison.Ordinal);
        Assert.Contains("Decision: REJECTED", output, StringComparison.Ordinal);
        Assert.Contains("Decide (declined)", output, StringComparison.Ordinal);
        Assert.Contains("macro_tilt has no champion: nothing decides", output, StringComparison.Ordinal);
        Assert.Contains("Track (declined)", output, StringComparison.Ordinal);
        Assert.Equal(10, Directory.GetFiles(Path.Combine(Lake, "gold/backtests/macro_tilt/trials"), "*.json", SearchOption.AllDirectories).Length);
        Assert.True(File.Exists(Path.Combine(Lake, "registry", "registry.sqlite")));
        Assert.Single(Directory.GetFiles(Path.Combine(Lake, "gold/runs/macro_tilt/report"), "report.html", SearchOption.AllDirectories));
        foreach (string dataset in (string[])["gold/features/macro_monthly", "gold/labels/us_macro5", "gold/models/macro_tilt/onnx", "gold/runs/macro_tilt/gates", "gold/drift/macro_tilt/reference"])
        {
            Assert.NotNull(await new MacroLab.Data.Storage.Lake(new MacroLab.Data.Storage.LocalObjectStore(Lake)).ResolveAsync(dataset));
        }

        (int again, string second, _) = await Cli.RunAsync("run", "--lake", Lake, "--data", SampleData);

        Assert.Equal(3, again);
        Assert.Contains("Gold (unchanged)", second, StringComparison.Ordinal);
        Assert.Contains("13 stages, 0 written, 10 unchanged", second, StringComparison.Ordinal); // and promote declined again
        Assert.Contains("Promote (declined)", second, StringComparison.Ordinal);
        Assert.DoesNotContain("| written", second, StringComparison.Ordinal);

        // `macrolab features` builds its stage options through the pipeline's configuration model: with no flags, the same Gold.
        (int features, string featuresOutput, string featuresError) = await Cli.RunAsync("features", "--lake", Lake);
        Assert.True(features == 0, featuresError + featuresOutput);
        Assert.Contains("Gold (unchanged): gold/features/macro_monthly", featuresOutput, StringComparison.Ordinal);

        // For orchestrators the verdict travels as data: the gates' outcome record says rejected, and the exit code is 0.
        (int recorded, string third, string thirdError) = await Cli.RunAsync("run", "--lake", Lake, "--data", SampleData, "--from", "gates", "--until", "gates", "--outcome-record", "--actor", "sfn-run-1");
        Assert.True(recorded == 0, thirdError + third);
        JsonNode record = JsonNode.Parse(File.ReadAllText(Path.Combine(Lake, "runs", "outcomes", "sfn-run-1", "gates.json")))!;
        Assert.Equal("rejected", record["verdict"]!.GetValue<string>());
        Assert.Equal("unchanged", record["status"]!.GetValue<string>());
        Assert.Contains("runs/outcomes/sfn-run-1/gates.json", thirdError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_refuses_a_malformed_file_with_its_place_and_writes_nothing()
    {
        File.WriteAllText(_folder.File("2019-10.csv"), "sasdate,RPI,INDPRO\nTransform:,5,5\n1/1/1959,1.5,abc\n");

        (int code, _, string error) = await Cli.RunAsync("ingest", "--source", "fredmd", "--input", _folder.File("2019-10.csv"), "--lake", Lake);

        Assert.Equal(65, code);
        Assert.Contains($"error: {_folder.File("2019-10.csv")}:3: column 'INDPRO': expected a finite decimal number", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Lake) && Directory.EnumerateFileSystemEntries(Lake).Any());
    }

    [Fact]
    public async Task Ingest_to_a_long_csv_feeds_asof()
    {
        (int code, string output, _) = await Cli.RunAsync("ingest", "--source", "fredmd", "--input", Path.Combine(SampleData, "fred_md", "2019-10.csv"), "--out", _folder.File("long.csv"));

        Assert.Equal(0, code);
        Assert.Contains("Wrote 92364 observations of 128 series", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Lake));
        string[] lines = File.ReadAllLines(_folder.File("long.csv"));
        Assert.Equal("series,period,value,available_at,vintage", lines[0]);
        Assert.Contains("CPIAUCSL,2019-09-01,256.358,2019-11-07,2019-10", lines);

        File.WriteAllText(_folder.File("dates.csv"), "date\n2019-11-06\n2019-11-07\n");
        (int asof, _, _) = await Cli.RunAsync("asof", "--observations", _folder.File("long.csv"), "--dates", _folder.File("dates.csv"), "--out", _folder.File("wide.csv"));

        Assert.Equal(0, asof);
        string[] wide = File.ReadAllLines(_folder.File("wide.csv"));
        int cpi = Array.IndexOf(wide[0].Split(','), "CPIAUCSL");
        Assert.Equal(string.Empty, wide[1].Split(',')[cpi]);
        Assert.Equal("256.358", wide[2].Split(',')[cpi]);
    }

    [Fact]
    public async Task Features_on_a_lake_without_silver_exits_66_and_says_what_to_do()
    {
        (int code, _, string error) = await Cli.RunAsync("features", "--lake", Lake);

        Assert.Equal(66, code);
        Assert.Contains("ingest", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_file_exits_66()
    {
        (int code, _, string error) = await Cli.RunAsync("ingest", "--source", "h15", "--input", _folder.File("missing.csv"), "--lake", Lake);

        Assert.Equal(66, code);
        Assert.Contains("missing.csv", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
