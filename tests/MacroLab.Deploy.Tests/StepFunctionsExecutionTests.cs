using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MacroLab.Hosting.Cloud;

namespace MacroLab.Deploy.Tests;

/// <summary>
/// The generated definition executed by moto's Step Functions interpreter, with each ECS task (and the S3 failure record)
/// replaced by a Pass fixture that returns what the task's ResultSelector would: a task ARN and the container's exit code.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class StepFunctionsExecutionTests(MotoServer moto)
{
    [SkippableFact]
    public async Task When_every_gate_passes_the_model_is_registered_promoted_and_reported()
    {
        MotoServer.SkipIfUnavailable();
        Execution run = await ExecuteAsync(new Dictionary<string, int>());

        Assert.Equal("SUCCEEDED", run.Status);
        Assert.Equal("promoted", run.Output!["decision"]!.GetValue<string>());
        Assert.Equal(["Prepare", "Ingest", "Features", "Signals", "Backtest", "Train", "Gates", "Register", "Promote", "Drift", "Report", "Promoted"],
            run.Tasks(PipelineStateMachine.Promoted));
        Assert.Equal(0, run.Output["stages"]!["gates"]!["exitCode"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task When_a_gate_fails_the_model_is_registered_and_reported_and_never_promoted()
    {
        MotoServer.SkipIfUnavailable();
        Execution run = await ExecuteAsync(new Dictionary<string, int> { ["Gates"] = 3, ["ReportRejected"] = 3 });

        Assert.Equal("SUCCEEDED", run.Status);
        Assert.Equal("rejected", run.Output!["decision"]!.GetValue<string>());
        Assert.Equal(["Prepare", "Ingest", "Features", "Signals", "Backtest", "Train", "Gates", "RegisterRejected", "ReportRejected", "Rejected"],
            run.Tasks(PipelineStateMachine.Rejected));
        Assert.DoesNotContain("Promote", run.Entered);
    }

    [SkippableFact]
    public async Task A_stage_that_exits_with_an_error_is_recorded_and_fails_the_execution_without_running_later_stages()
    {
        MotoServer.SkipIfUnavailable();
        Execution run = await ExecuteAsync(new Dictionary<string, int> { ["Backtest"] = 70 });

        Assert.Equal("FAILED", run.Status);
        Assert.Equal("MacroLab.PipelineFailed", run.Error);
        Assert.Contains("BacktestFailed", run.Entered);
        Assert.Contains(PipelineStateMachine.RecordFailure, run.Entered);
        Assert.DoesNotContain("Train", run.Entered);
        Assert.DoesNotContain("Register", run.Entered);
    }

    /// <summary>Resets moto (only one execution per moto process works in 5.2.1), turns execution on, runs the fixture machine to its end.</summary>
    private async Task<Execution> ExecuteAsync(IReadOnlyDictionary<string, int> exitCodes)
    {
        using var http = new HttpClient { BaseAddress = new Uri(moto.Endpoint) };
        (await http.PostAsync("/moto-api/reset", null)).EnsureSuccessStatusCode();
        using (var config = new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync("/moto-api/config", config)).EnsureSuccessStatusCode();
        }

        JsonObject machine = await CallAsync(http, "CreateStateMachine", new JsonObject
        {
            ["name"] = "macrolab-pipeline",
            ["definition"] = WithFixtures(PipelineStateMachine.Build(), exitCodes).ToJsonString(),
            ["roleArn"] = "arn:aws:iam::123456789012:role/macrolab-pipeline",
        });
        string name = $"run-{Guid.NewGuid():N}";
        JsonObject started = await CallAsync(http, "StartExecution", new JsonObject
        {
            ["stateMachineArn"] = machine["stateMachineArn"]!.GetValue<string>(),
            ["name"] = name,
            ["input"] = "{}",
        });
        string executionArn = started["executionArn"]!.GetValue<string>();

        for (int attempt = 0; attempt < 600; attempt++)
        {
            JsonObject described = await CallAsync(http, "DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            string status = described["status"]!.GetValue<string>();
            if (status != "RUNNING")
            {
                JsonObject history = await CallAsync(http, "GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = 1000 });
                string[] entered = [.. history["events"]!.AsArray()
                    .Select(e => e!["stateEnteredEventDetails"]?["name"]?.GetValue<string>())
                    .OfType<string>()];
                JsonObject? output = described["output"]?.GetValue<string>() is { } text ? JsonNode.Parse(text)!.AsObject() : null;
                Assert.True(output is null || output["run"]!["actor"]!.GetValue<string>() == name, "the run is named after the execution");
                return new Execution(status, output, described["error"]?.GetValue<string>(), entered);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the execution {executionArn} did not finish within 30 s");
    }

    /// <summary>The definition with every Task replaced by a Pass state returning the exit code given for it (0 unless listed).</summary>
    private static JsonObject WithFixtures(JsonObject definition, IReadOnlyDictionary<string, int> exitCodes)
    {
        JsonObject states = definition["States"]!.AsObject();
        foreach (string name in states.Where(s => (string?)s.Value!["Type"] == "Task").Select(s => s.Key).ToArray())
        {
            JsonObject task = states[name]!.AsObject();
            var fixture = new JsonObject { ["Type"] = "Pass", ["Comment"] = $"fixture for {name}" };
            fixture["Result"] = name == PipelineStateMachine.RecordFailure
                ? new JsonObject { ["recorded"] = true }
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

    private static async Task<JsonObject> CallAsync(HttpClient http, string action, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", $"AWSStepFunctions.{action}");
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-target, Signature=0");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private sealed record Execution(string Status, JsonObject? Output, string? Error, string[] Entered)
    {
        /// <summary>The states entered that are not Choices or failure passes, up to <paramref name="end"/>.</summary>
        public string[] Tasks(string end) => [.. Entered.Where(n => !n.EndsWith("Exited", StringComparison.Ordinal) && !n.EndsWith("Failed", StringComparison.Ordinal))
            .TakeWhile(n => n != end).Append(end)];
    }
}
