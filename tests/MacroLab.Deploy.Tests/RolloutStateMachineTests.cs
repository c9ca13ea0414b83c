using System.Text.Json.Nodes;
using MacroLab.Hosting.Cloud;

namespace MacroLab.Deploy.Tests;

/// <summary>
/// The API rollout machine: its committed copy, its graph, and executions on moto's Step Functions interpreter with the SDK
/// calls replaced by Pass fixtures (the alarms each check finds firing) and the soaks shortened to 0 s.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class RolloutStateMachineTests(MotoServer moto)
{
    [Fact]
    public void The_committed_rollout_is_the_generated_one_and_passes_the_graph_check()
    {
        string committed = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "statemachine", "rollout.asl.json"));
        Assert.True(committed == RolloutStateMachine.ToJson(), "deploy/statemachine/rollout.asl.json is stale: run `macrolab state-machine --rollout --out deploy/statemachine/rollout.asl.json`.");
        Assert.Empty(AslGraph.Check(RolloutStateMachine.Build()));
        string[] used = [.. System.Text.RegularExpressions.Regex.Matches(committed, @"\$\{([A-Za-z]+)\}").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(RolloutStateMachine.Substitutions.Order(StringComparer.Ordinal), used);
    }

    [Fact]
    public void Every_shift_moves_both_weights_and_every_failure_rolls_back()
    {
        JsonObject states = RolloutStateMachine.Build()["States"]!.AsObject();
        foreach (int weight in RolloutStateMachine.Steps)
        {
            JsonArray groups = states[$"Shift{weight}"]!["Parameters"]!["DefaultActions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray();
            Assert.Equal([weight, 100 - weight], groups.Select(g => (int)g!["Weight"]!));
            Assert.Equal(RolloutStateMachine.RollBack, (string?)states[$"Shift{weight}"]!["Catch"]![0]!["Next"]);
            Assert.Equal(RolloutStateMachine.RollBack, (string?)states[$"Check{weight}"]!["Catch"]![0]!["Next"]);
        }

        JsonArray back = states[RolloutStateMachine.RollBack]!["Parameters"]!["DefaultActions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray();
        Assert.Equal([0, 100], back.Select(g => (int)g!["Weight"]!));
        Assert.Equal(100, RolloutStateMachine.Steps[^1]);
    }

    [SkippableFact]
    public async Task A_healthy_rollout_shifts_10_50_100_and_completes()
    {
        MotoServer.SkipIfUnavailable();
        (string status, string? error, string[] entered) = await ExecuteAsync("green", firingAt: null);

        Assert.Equal("SUCCEEDED", status);
        Assert.Null(error);
        Assert.Equal(["Shift10", "Shift50", "Shift100"], entered.Where(n => n.StartsWith("Shift", StringComparison.Ordinal)));
        Assert.DoesNotContain(RolloutStateMachine.RollBack, entered);
    }

    [SkippableFact]
    public async Task An_alarm_after_the_50_percent_step_rolls_all_traffic_back_and_fails()
    {
        MotoServer.SkipIfUnavailable();
        (string status, string? error, string[] entered) = await ExecuteAsync("blue", firingAt: 50);

        Assert.Equal("FAILED", status);
        Assert.Equal("MacroLab.RolloutRolledBack", error);
        Assert.Equal(["Shift10", "Shift50"], entered.Where(n => n.StartsWith("Shift", StringComparison.Ordinal)));
        Assert.Contains(RolloutStateMachine.RollBack, entered);
        Assert.DoesNotContain("Shift100", entered);
    }

    private async Task<(string Status, string? Error, string[] Entered)> ExecuteAsync(string to, int? firingAt)
    {
        JsonObject definition = RolloutStateMachine.Build(TimeSpan.Zero);
        JsonObject states = definition["States"]!.AsObject();
        foreach (string name in states.Where(s => (string?)s.Value!["Type"] == "Task").Select(s => s.Key).ToArray())
        {
            JsonObject task = states[name]!.AsObject();
            bool check = name.StartsWith("Check", StringComparison.Ordinal);
            var fixture = new JsonObject { ["Type"] = "Pass", ["Comment"] = $"fixture for {name}" };
            if (check)
            {
                int weight = int.Parse(name["Check".Length..], System.Globalization.CultureInfo.InvariantCulture);
                fixture["Result"] = new JsonObject { ["firing"] = weight == firingAt ? new JsonArray("macrolab-Api5xxAlarm") : new JsonArray() };
            }

            fixture["ResultPath"] = task["ResultPath"]?.DeepClone();
            fixture["Next"] = task["Next"]!.DeepClone();
            states[name] = fixture;
        }

        MotoAws.Execution run = await MotoAws.RunAsync(moto.Endpoint, definition, $"rollout-{Guid.NewGuid():N}", new JsonObject { ["to"] = to });
        return (run.Status, run.Error, run.Entered);
    }
}
