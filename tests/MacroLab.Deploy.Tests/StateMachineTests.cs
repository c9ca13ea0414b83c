using System.Text.Json.Nodes;
using MacroLab.Hosting.Cloud;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Deploy.Tests;

/// <summary>The generated state machine against the stage graph, and the committed copy in deploy/.</summary>
public sealed class StateMachineTests
{
    private static readonly JsonObject Definition = PipelineStateMachine.Build();

    private static JsonObject StateTable => Definition["States"]!.AsObject();

    [Fact]
    public void The_committed_definition_is_the_one_generated_from_the_stage_graph()
    {
        string committed = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "statemachine", "pipeline.asl.json"));
        Assert.True(committed == PipelineStateMachine.ToJson(),
            "deploy/statemachine/pipeline.asl.json is stale: run `macrolab state-machine --out deploy/statemachine/pipeline.asl.json`.");
    }

    [Fact]
    public void The_definition_passes_the_graph_check()
    {
        Assert.Empty(AslGraph.Check(Definition));
    }

    [Fact]
    public void Every_stage_runs_on_the_promoted_path_in_the_order_of_the_stage_graph()
    {
        List<string> path = StagesOnPathTo(PipelineStateMachine.Promoted, StageOutcomeRecord.Passed);
        Assert.Equal(StageGraph.Names, path);
    }

    [Fact]
    public void The_rejected_path_registers_and_reports_but_never_promotes()
    {
        List<string> path = StagesOnPathTo(PipelineStateMachine.Rejected, StageOutcomeRecord.Rejected);
        Assert.Equal(StageGraph.Names.Where(n => !PipelineStateMachine.SkippedWhenRejected.Contains(n)), path);
        Assert.DoesNotContain(StageGraph.Promote, path);
        Assert.Contains(StageGraph.Register, path);
    }

    [Theory]
    [InlineData(StageOutcomeRecord.Passed)]
    [InlineData(StageOutcomeRecord.Rejected)]
    public void On_each_path_every_stage_runs_after_the_stages_it_depends_on(string verdict)
    {
        string end = verdict == StageOutcomeRecord.Passed ? PipelineStateMachine.Promoted : PipelineStateMachine.Rejected;
        List<string> path = StagesOnPathTo(end, verdict);
        for (int i = 0; i < path.Count; i++)
        {
            StageDefinition stage = StageGraph.Stages.Single(s => s.Name == path[i]);
            foreach (string dependency in stage.DependsOn)
            {
                bool skipped = verdict != StageOutcomeRecord.Passed && PipelineStateMachine.SkippedWhenRejected.Contains(dependency);
                Assert.True(skipped || path.Take(i).Contains(dependency), $"{stage.Name} runs before its dependency {dependency} on the path to {end}");
            }
        }
    }

    [Fact]
    public void Every_task_retries_transient_errors_with_full_jitter_and_catches_the_rest_into_the_failure_record()
    {
        JsonObject[] tasks = [.. StateTable.Select(s => s.Value!.AsObject()).Where(s => (string?)s["Type"] == "Task")];
        Assert.True(tasks.Length >= StageGraph.Names.Count + PipelineStateMachine.SkippedWhenRejected.Count);
        foreach (JsonObject task in tasks)
        {
            JsonArray retry = task["Retry"]!.AsArray();
            Assert.NotEmpty(retry);
            Assert.All(retry, r =>
            {
                Assert.Equal("FULL", (string?)r!["JitterStrategy"]);
                Assert.True((double)r["BackoffRate"]! > 1);
                Assert.DoesNotContain("States.ALL", r["ErrorEquals"]!.AsArray().Select(e => (string?)e));
            });
            JsonObject handler = Assert.Single(task["Catch"]!.AsArray())!.AsObject();
            Assert.Equal("States.ALL", (string?)handler["ErrorEquals"]![0]);
        }

        Assert.All(tasks.Where(t => (string?)t["Resource"] == "arn:aws:states:::ecs:runTask.sync"), t =>
        {
            Assert.Equal(PipelineStateMachine.RecordFailure, (string?)t["Catch"]![0]!["Next"]);
            string next = (string)t["Next"]!;
            Assert.Equal("Choice", (string?)StateTable[next]!["Type"]);
        });
        Assert.Equal("Fail", (string?)StateTable[PipelineStateMachine.Failed]!["Type"]);
    }

    [Fact]
    public void Exit_codes_mean_failure_only_and_the_verdict_is_read_from_the_gates_outcome_record()
    {
        JsonObject[] exits = [.. StateTable.Where(s => s.Key.EndsWith("Exited", StringComparison.Ordinal)).Select(s => s.Value!.AsObject())];
        int trunk = StageGraph.Names.ToList().IndexOf(StageGraph.Gates) + 1, after = StageGraph.Names.Count - trunk;
        Assert.Equal(trunk + after + after - PipelineStateMachine.SkippedWhenRejected.Count, exits.Length);
        Assert.All(exits, choice =>
        {
            JsonObject rule = Assert.Single(choice["Choices"]!.AsArray())!.AsObject();
            Assert.Equal(0, (int)rule["And"]![1]!["NumericEquals"]!);
            Assert.EndsWith("Failed", (string)choice["Default"]!, StringComparison.Ordinal);
        });
        Assert.All(StateTable.Select(s => s.Value!.AsObject()).Where(s => (string?)s["Resource"] == "arn:aws:states:::ecs:runTask.sync"),
            task => Assert.Contains("'--outcome-record'", (string)task["Parameters"]!["Overrides"]!["ContainerOverrides"]![0]!["Command.$"]!, StringComparison.Ordinal));
        JsonObject read = StateTable[PipelineStateMachine.GatesOutcome]!.AsObject();
        Assert.Equal("arn:aws:states:::aws-sdk:s3:getObject", (string?)read["Resource"]);
        Assert.Contains($"runs/outcomes/{{}}/{StageGraph.Gates}.json", (string)read["Parameters"]!["Key.$"]!, StringComparison.Ordinal);
        Assert.Equal(PipelineStateMachine.GatesVerdict, (string?)read["Next"]);
        Assert.Equal("GatesExited", (string?)StateTable["Gates"]!["Next"]);
        Assert.Equal(PipelineStateMachine.GatesOutcome, (string?)StateTable["GatesExited"]!["Choices"]![0]!["Next"]);
    }

    [Fact]
    public void Every_placeholder_is_a_declared_substitution()
    {
        string text = PipelineStateMachine.ToJson();
        string[] used = [.. System.Text.RegularExpressions.Regex.Matches(text, @"\$\{([A-Za-z]+)\}").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(PipelineStateMachine.Substitutions.Order(StringComparer.Ordinal), used);
    }

    /// <summary>
    /// The stages whose tasks run on the way from StartAt to <paramref name="end"/> when every task exits 0 and the gates'
    /// outcome record says <paramref name="verdict"/>: walks the graph as Step Functions would, reading each Choice.
    /// </summary>
    private static List<string> StagesOnPathTo(string end, string verdict)
    {
        var stages = new List<string>();
        string current = (string)Definition["StartAt"]!;
        string? lastStage = null;
        for (int steps = 0; current != end; steps++)
        {
            Assert.True(steps < 200, "the walk does not reach " + end);
            JsonObject state = StateTable[current]!.AsObject();
            switch ((string?)state["Type"])
            {
                case "Task" when (string?)state["Resource"] == "arn:aws:states:::ecs:runTask.sync":
                    lastStage = StageOf(state);
                    stages.Add(lastStage);
                    current = (string)state["Next"]!;
                    break;
                case "Task" when current == PipelineStateMachine.GatesOutcome:
                    current = (string)state["Next"]!;
                    break;
                case "Choice":
                    current = state["Choices"]!.AsArray().Select(c => c!.AsObject())
                        .First(c => c["And"]!.AsArray().Any(r => (r!["NumericEquals"] is { } code && (int)code == 0) || (r["StringEquals"] is { } text && (string)text! == verdict)))["Next"]!.GetValue<string>();
                    break;
                case "Pass":
                    current = (string)state["Next"]!;
                    break;
                default:
                    Assert.Fail($"the walk to {end} met {current} ({state["Type"]})");
                    break;
            }
        }

        return stages;
    }

    /// <summary>The stage a task runs: the value after <c>--from</c> in its container command.</summary>
    private static string StageOf(JsonObject task)
    {
        string command = (string)task["Parameters"]!["Overrides"]!["ContainerOverrides"]![0]!["Command.$"]!;
        System.Text.RegularExpressions.Match from = System.Text.RegularExpressions.Regex.Match(command, @"'--from', '([a-z]+)', '--until', '([a-z]+)'");
        Assert.True(from.Success, command);
        Assert.Equal(from.Groups[1].Value, from.Groups[2].Value);
        return from.Groups[1].Value;
    }
}
