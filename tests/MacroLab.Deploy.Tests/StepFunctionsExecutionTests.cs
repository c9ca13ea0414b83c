using System.Text.Json.Nodes;
using MacroLab.Hosting.Cloud;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Deploy.Tests;

/// <summary>
/// The generated definition executed by moto's Step Functions interpreter, with each ECS task (and the S3 reads and
/// writes) replaced by a Pass fixture that returns what the task's ResultSelector would: a task ARN and the container's
/// exit code, or the gates' outcome record. (A task state that fails with States.TaskFailed cannot be staged on moto 5.2.1:
/// Fail states may not raise a States. error and its ecs:runTask.sync integration does not run; StateMachineTests checks
/// that every task catches every error into the failure record.)
/// </summary>
[Collection(MotoTests.Name)]
public sealed class StepFunctionsExecutionTests(MotoServer moto)
{
    [SkippableFact]
    public async Task When_every_gate_passes_the_model_is_registered_promoted_and_reported()
    {
        MotoServer.SkipIfUnavailable();
        Execution run = await ExecuteAsync(new Dictionary<string, int>(), StageOutcomeRecord.Passed);

        Assert.Equal("SUCCEEDED", run.Status);
        Assert.Equal("promoted", run.Output!["decision"]!.GetValue<string>());
        Assert.Equal(["Prepare", "Ingest", "Features", "Signals", "Monitor", "Backtest", "Train", "Gates", "Register", "Promote", "Drift", "Decide", "Track", "Report", "Promoted"],
            run.Tasks(PipelineStateMachine.Promoted));
        Assert.Equal(0, run.Output["stages"]!["gates"]!["exitCode"]!.GetValue<int>());
        Assert.Equal(StageOutcomeRecord.Passed, run.Output["stages"]!["gates"]!["outcome"]!["record"]!["verdict"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task When_a_gate_fails_the_model_is_registered_and_reported_and_never_promoted()
    {
        MotoServer.SkipIfUnavailable();
        Execution run = await ExecuteAsync(new Dictionary<string, int>(), StageOutcomeRecord.Rejected);

        Assert.Equal("SUCCEEDED", run.Status);
        Assert.Equal("rejected", run.Output!["decision"]!.GetValue<string>());
        Assert.Equal(["Prepare", "Ingest", "Features", "Signals", "Monitor", "Backtest", "Train", "Gates", "RegisterRejected", "DecideRejected", "TrackRejected", "ReportRejected", "Rejected"],
            run.Tasks(PipelineStateMachine.Rejected));
        Assert.DoesNotContain("Promote", run.Entered);
        Assert.DoesNotContain("Drift", run.Entered);
    }

    [SkippableFact]
    public async Task A_gates_task_that_succeeds_with_a_non_zero_exit_code_is_a_failure_not_a_verdict()
    {
        MotoServer.SkipIfUnavailable();
        Execution run = await ExecuteAsync(new Dictionary<string, int> { ["Gates"] = 3 }, StageOutcomeRecord.Rejected);

        Assert.Equal("FAILED", run.Status);
        Assert.Equal("MacroLab.PipelineFailed", run.Error);
        Assert.Contains("GatesFailed", run.Entered);
        Assert.DoesNotContain(PipelineStateMachine.GatesOutcome, run.Entered);
        Assert.DoesNotContain("RegisterRejected", run.Entered);
    }

    [SkippableFact]
    public async Task A_stage_that_exits_with_an_error_is_recorded_and_fails_the_execution_without_running_later_stages()
    {
        MotoServer.SkipIfUnavailable();
        Execution run = await ExecuteAsync(new Dictionary<string, int> { ["Backtest"] = 70 }, StageOutcomeRecord.Passed);

        Assert.Equal("FAILED", run.Status);
        Assert.Equal("MacroLab.PipelineFailed", run.Error);
        Assert.Contains("BacktestFailed", run.Entered);
        Assert.Contains(PipelineStateMachine.RecordFailure, run.Entered);
        Assert.DoesNotContain("Train", run.Entered);
        Assert.DoesNotContain("Register", run.Entered);
    }

    /// <summary>Resets moto (only one execution per moto process works in 5.2.1), turns execution on, runs the fixture machine to its end.</summary>
    private async Task<Execution> ExecuteAsync(IReadOnlyDictionary<string, int> exitCodes, string verdict)
    {
        string name = $"run-{Guid.NewGuid():N}";
        MotoAws.Execution run = await MotoAws.RunAsync(moto.Endpoint, WithFixtures(PipelineStateMachine.Build(), exitCodes, verdict), name, new JsonObject());
        Assert.True(run.Output is null || run.Output["run"]!["actor"]!.GetValue<string>() == name, "the run is named after the execution");
        return new Execution(run.Status, run.Output, run.Error, run.Entered);
    }

    /// <summary>
    /// The definition with every Task replaced by a Pass state returning the exit code given for it (0 unless listed), the
    /// gates' outcome record with <paramref name="verdict"/>.
    /// </summary>
    private static JsonObject WithFixtures(JsonObject definition, IReadOnlyDictionary<string, int> exitCodes, string verdict)
    {
        JsonObject states = definition["States"]!.AsObject();
        foreach (string name in states.Where(s => (string?)s.Value!["Type"] == "Task").Select(s => s.Key).ToArray())
        {
            JsonObject task = states[name]!.AsObject();
            var fixture = new JsonObject { ["Type"] = "Pass", ["Comment"] = $"fixture for {name}" };
            fixture["Result"] = name == PipelineStateMachine.RecordFailure
                ? new JsonObject { ["recorded"] = true }
                : name == PipelineStateMachine.GatesOutcome
                ? new JsonObject { ["record"] = new JsonObject { ["stage"] = "gates", ["status"] = "written", ["verdict"] = verdict } }
                : new JsonObject
                {
                    ["taskArn"] = $"arn:aws:ecs:us-east-1:123456789012:task/macrolab/{name}",
                    ["exitCode"] = exitCodes.GetValueOrDefault(name),
                };
            fixture["ResultPath"] = task["ResultPath"]?.DeepClone();
            fixture["Next"] = task["Next"]!.DeepClone();
            states[name] = fixture;
        }

        return definition;
    }

    private sealed record Execution(string Status, JsonObject? Output, string? Error, string[] Entered)
    {
        /// <summary>The states entered that are not Choices or failure passes, up to <paramref name="end"/>.</summary>
        public string[] Tasks(string end) => [.. Entered.Where(n => !n.EndsWith("Exited", StringComparison.Ordinal) && !n.EndsWith("Failed", StringComparison.Ordinal)
                && n != PipelineStateMachine.GatesOutcome && n != PipelineStateMachine.GatesVerdict)
            .TakeWhile(n => n != end).Append(end)];
    }
}
