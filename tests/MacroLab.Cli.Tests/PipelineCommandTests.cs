using System.Text.Json;

namespace MacroLab.Cli.Tests;

/// <summary>A lake where <c>macrolab run</c> ran once with the reduced configuration.</summary>
public sealed class RunLake : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public string Lake => _folder.File("lake");

    public string Out => _folder.File("out");

    public (int Code, string Output, string Error) First { get; private set; }

    public string File(string name) => _folder.File(name);

    public async Task InitializeAsync() =>
        First = await Cli.RunAsync("run", "--config", Repository.ReducedPipeline, "--lake", Lake, "--data", Path.Combine(Repository.Root, "samples", "data"), "--out", Out, "--actor", "cli-test");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}

public sealed class PipelineCommandTests(RunLake lake) : IClassFixture<RunLake>
{
    [Fact]
    public async Task Decide_and_track_follow_the_champion_book_the_run_wrote()
    {
        (int code, string output, string error) = await Cli.RunAsync("decide", "--config", Repository.ReducedPipeline, "--lake", lake.Lake);
        Assert.True(code == 0, error + output);
        Assert.Contains("a date is decided once", output, StringComparison.Ordinal);
        Assert.Contains("e2e/champion", output, StringComparison.Ordinal);
        Assert.Contains("CASH", output, StringComparison.Ordinal);
        Assert.Matches(@"Inputs: \d+ of \d+ known", output);

        (code, output, error) = await Cli.RunAsync("track", "--config", Repository.ReducedPipeline, "--lake", lake.Lake);
        Assert.True(code == 0, error + output);
        Assert.Contains("against e2e:1's backtest", output, StringComparison.Ordinal);
        Assert.Matches("champion: (waiting|too-short|on-track|underperforming)", output);

        (code, _, error) = await Cli.RunAsync("decide", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--replay-until", "2020-01-31");
        Assert.Equal(64, code);
        Assert.Contains("--replay-until needs --replay-from", error, StringComparison.Ordinal);
        (code, _, error) = await Cli.RunAsync("decide", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--version", "7");
        Assert.Equal(65, code);
        Assert.Contains("no version 7 of e2e", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_prints_every_stage_the_chosen_model_its_gates_and_the_registry_entry()
    {
        (int code, string output, string error) = lake.First;

        Assert.True(code == 0, error + output);
        foreach (string line in (string[])["Ingest (written)", "Gold (written)", "Signals (written)", "Backtest (written)", "Train (written)", "Gates (written)",
            "Register (written)", "Promote (written)", "Drift (written)", "Decide (written)", "Track (written)", "Report (written)", "Chosen model: tilt-mlp", "min_sharpe", "onnx_parity",
            "Registry: e2e:1", "champion -> v1", "Decision: PROMOTED", "13 stages, 12 written, 0 unchanged"])
        {
            Assert.Contains(line, output, StringComparison.Ordinal);
        }

        Assert.Contains("backtest: trial", error, StringComparison.Ordinal); // progress goes to standard error
        Assert.True(File.Exists(Path.Combine(lake.Out, "report.html")));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(lake.Out, "summary.json")));
        Assert.Equal("promoted", summary.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task The_same_lake_through_a_symlink_or_copied_registers_no_new_version_and_keeps_the_champion()
    {
        Assert.True(lake.First.Code == 0, lake.First.Error + lake.First.Output);
        string data = Path.Combine(Repository.Root, "samples", "data");
        string link = lake.File("lake-link"), copy = lake.File("lake-copy");
        if (!Directory.Exists(link))
        {
            Directory.CreateSymbolicLink(link, lake.Lake);
        }

        // Lineage is content-addressed: the registration's fingerprint holds dataset digests, not the lake's location.
        (int code, string output, string error) = await Cli.RunAsync("run", "--config", Repository.ReducedPipeline, "--lake", link, "--data", data, "--actor", "cli-test");
        Assert.True(code == 0, error + output);
        Assert.Contains("13 stages, 0 written, 13 unchanged", output, StringComparison.Ordinal);
        Assert.Contains("Registry: e2e:1", output, StringComparison.Ordinal);

        CopyFolder(lake.Lake, copy);
        (code, output, error) = await Cli.RunAsync("run", "--config", Repository.ReducedPipeline, "--lake", copy, "--data", data, "--actor", "cli-test");
        Assert.True(code == 0, error + output);
        Assert.Contains("13 stages, 0 written, 13 unchanged", output, StringComparison.Ordinal);
        (code, output, _) = await Cli.RunAsync("registry", "list", "--lake", copy);
        Assert.Equal(0, code);
        Assert.DoesNotContain("e2e:2", output, StringComparison.Ordinal);
        (code, output, _) = await Cli.RunAsync("registry", "history", "e2e", "--lake", lake.Lake);
        Assert.Equal(0, code);
        Assert.Single(output.Split('\n'), l => l.Contains("champion", StringComparison.Ordinal) && l.Contains("cli-test", StringComparison.Ordinal));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    [Fact]
    public async Task A_rejected_model_exits_3_and_says_why()
    {
        File.WriteAllText(lake.File("strict.yaml"), Repository.ReducedPipelineWith(("name: e2e", "name: cli_strict"), ("minSharpe: -10", "minSharpe: 5")));

        (int code, string output, string error) = await Cli.RunAsync("run", "--config", lake.File("strict.yaml"), "--lake", lake.Lake, "--data", Path.Combine(Repository.Root, "samples", "data"));

        Assert.Equal(3, code);
        Assert.Contains("Decision: REJECTED", output, StringComparison.Ordinal);
        Assert.Contains("min_sharpe", output, StringComparison.Ordinal);
        Assert.Contains("is not promoted to champion", output, StringComparison.Ordinal);
        Assert.Contains("not promoted (exit code 3)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_of_the_pipeline_runs_with_from_and_until_and_a_wrong_stage_is_a_usage_error()
    {
        (int code, string output, _) = await Cli.RunAsync("run", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--from", "gates", "--until", "promote");
        (int wrong, _, string error) = await Cli.RunAsync("run", "--lake", lake.Lake, "--from", "deploy");

        Assert.Equal(0, code);
        Assert.Contains("3 stages, 0 written", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Ingest (", output, StringComparison.Ordinal);
        Assert.Equal(64, wrong);
        Assert.Contains("'deploy' is not a stage; the stages are ingest, features", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_metrics_emf_each_stage_and_the_verdict_are_embedded_metric_lines()
    {
        (int code, string output, string error) = await Cli.RunAsync("run", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--from", "gates", "--until", "promote", "--metrics", "emf");
        (int none, string quiet, _) = await Cli.RunAsync("run", "--config", Repository.ReducedPipeline, "--lake", lake.Lake, "--from", "gates", "--until", "gates", "--metrics", "none");

        Assert.True(code == 0, error);
        JsonElement[] lines = [.. output.Split('\n').Where(l => l.StartsWith("{\"_aws\"", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l).RootElement)];
        JsonElement[] stages = [.. lines.Where(l => l.TryGetProperty("Stage", out _))];
        Assert.Equal(["gates", "register", "promote"], stages.Select(l => l.GetProperty("Stage").GetString()));
        Assert.All(stages, l =>
        {
            Assert.Equal("MacroLab/Pipeline", l.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
            Assert.True(l.GetProperty("StageDuration").GetDouble() >= 0);
            Assert.Equal(0, l.GetProperty("StageWritten").GetInt32()); // all three were unchanged
        });
        JsonElement verdict = Assert.Single(lines, l => l.TryGetProperty("CandidateRejected", out _));
        Assert.Equal(0, verdict.GetProperty("CandidatePromoted").GetInt32());
        Assert.Equal(0, none);
        Assert.DoesNotContain("\"_aws\"", quiet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_init_writes_a_file_that_validates_and_a_bad_file_names_its_line_and_field()
    {
        (int init, _, _) = await Cli.RunAsync("config", "init", "--out", lake.File("pipeline.yaml"));
        (int again, _, string exists) = await Cli.RunAsync("config", "init", "--out", lake.File("pipeline.yaml"));
        (int valid, string validated, _) = await Cli.RunAsync("config", "validate", lake.File("pipeline.yaml"));
        File.WriteAllText(lake.File("bad.yaml"), "name: x\ntreatments:\n  - expectation: psychic\n");
        (int bad, _, string error) = await Cli.RunAsync("config", "validate", lake.File("bad.yaml"));
        (int missing, _, _) = await Cli.RunAsync("config", "validate", lake.File("nope.yaml"));
        (int runBad, _, _) = await Cli.RunAsync("run", "--config", lake.File("bad.yaml"), "--lake", lake.File("never"));

        Assert.Equal((0, 64, 0), (init, again, valid));
        Assert.Contains("--force", exists, StringComparison.Ordinal);
        Assert.Contains("valid (10 trials of 2 candidate(s), 1 treatment(s), 11 source(s)", validated, StringComparison.Ordinal);
        Assert.Equal(78, bad);
        Assert.Contains($"{lake.File("bad.yaml")}:3: treatments[0].expectation is 'psychic'", error, StringComparison.Ordinal);
        Assert.Equal(66, missing);
        Assert.Equal(78, runBad);
        Assert.False(Directory.Exists(lake.File("never")));
    }

    [Fact]
    public async Task Config_show_prints_the_effective_configuration_as_json()
    {
        (int code, string output, _) = await Cli.RunAsync("config", "show", "--config", Repository.ReducedPipeline);

        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("e2e", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(96, json.RootElement.GetProperty("walkForward").GetProperty("trainPeriods").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("simulation").GetProperty("defaultCostBps").GetDouble());
    }

    [Fact]
    public async Task Registry_list_show_and_history_describe_the_registered_model()
    {
        (int list, string models, _) = await Cli.RunAsync("registry", "list", "--lake", lake.Lake);
        (int show, string versions, _) = await Cli.RunAsync("registry", "show", "e2e", "--lake", lake.Lake);
        (int one, string version, _) = await Cli.RunAsync("registry", "show", "e2e@champion", "--lake", lake.Lake);
        (int json, string record, _) = await Cli.RunAsync("registry", "show", "e2e:1", "--json", "--lake", lake.Lake);
        (int history, string moves, _) = await Cli.RunAsync("registry", "history", "e2e", "--lake", lake.Lake);

        Assert.Equal((0, 0, 0, 0, 0), (list, show, one, json, history));
        Assert.Contains("champion -> v1", models, StringComparison.Ordinal);
        Assert.Contains("READY", versions, StringComparison.Ordinal);
        foreach (string part in (string[])["e2e:1  READY", "aliases: champion", "min_sharpe", "onnx_parity", "signature: features FP32[-1,", "lineage: commit", "model.onnx", "model-card.json", "macrolab.fingerprint"])
        {
            Assert.Contains(part, version, StringComparison.Ordinal);
        }

        using JsonDocument parsed = JsonDocument.Parse(record);
        Assert.Equal(1, parsed.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("Ready", parsed.RootElement.GetProperty("status").GetString());
        Assert.Contains("cli-test", moves, StringComparison.Ordinal);
        Assert.Contains("gates passed", moves, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_ledger_lists_the_trials_of_a_versions_data_and_the_lockbox_openings()
    {
        (int code, string output, string error) = await Cli.RunAsync("registry", "ledger", "e2e:1", "--lake", lake.Lake);
        (int none, string empty, _) = await Cli.RunAsync("registry", "ledger", "0123456789abcdef", "--lake", lake.Lake);

        Assert.True(code == 0, error);
        // The reduced pipeline: 2 MLP trials, and the same 2 without the signals; the candidate passed, so it opened the lockbox.
        Assert.Matches(@"lineage [0-9a-f]{16}: 4 trial\(s\) \(variance of their per-period Sharpe ratios [0-9.]+\), 1 lockbox opening\(s\)", output);
        Assert.Contains("e2e/ablations/without-signals", output, StringComparison.Ordinal);
        Assert.Equal(0, none);
        Assert.Contains("lineage 0123456789abcdef: 0 trial(s)", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_promote_and_rollback_move_an_alias_and_record_why()
    {
        (int promote, string promoted, _) = await Cli.RunAsync("registry", "promote", "e2e:1", "--alias", "challenger", "--reason", "shadow trial", "--actor", "alice", "--lake", lake.Lake);
        (int noReason, _, string reasonError) = await Cli.RunAsync("registry", "promote", "e2e:1", "--alias", "challenger", "--lake", lake.Lake);
        (int rollback, _, string rollbackError) = await Cli.RunAsync("registry", "rollback", "e2e", "--alias", "challenger", "--reason", "nothing before", "--lake", lake.Lake);
        (int missing, _, string missingError) = await Cli.RunAsync("registry", "show", "e2e:9", "--lake", lake.Lake);
        (int unknown, _, _) = await Cli.RunAsync("registry", "history", "nobody", "--lake", lake.Lake);
        (int history, string moves, _) = await Cli.RunAsync("registry", "history", "e2e", "--alias", "challenger", "--lake", lake.Lake);

        Assert.Equal(0, promote);
        Assert.Contains("e2e@challenger: none -> v1", promoted, StringComparison.Ordinal);
        Assert.Equal(64, noReason);
        Assert.Contains("--reason is required", reasonError, StringComparison.Ordinal);
        Assert.Equal(65, rollback);
        Assert.Contains("nothing to roll back to", rollbackError, StringComparison.Ordinal);
        Assert.Equal(66, missing);
        Assert.Contains("e2e:9 does not exist", missingError, StringComparison.Ordinal);
        Assert.Equal(66, unknown);
        Assert.Contains("alice", moves, StringComparison.Ordinal);
        Assert.Contains("shadow trial", moves, StringComparison.Ordinal);
    }
}
