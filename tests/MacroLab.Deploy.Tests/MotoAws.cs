using System.Text;
using System.Text.Json.Nodes;

namespace MacroLab.Deploy.Tests;

/// <summary>AWS APIs on moto that this project has no SDK client for: Step Functions executions, EventBridge rules.</summary>
internal static class MotoAws
{
    /// <summary>The finished execution: its status, output, error and the states it entered, in order.</summary>
    public sealed record Execution(string Status, JsonObject? Output, string? Error, string[] Entered);

    /// <summary>Resets moto (only one execution per moto process works in 5.2.1), turns execution on, runs <paramref name="definition"/> with <paramref name="input"/>.</summary>
    public static async Task<Execution> RunAsync(string endpoint, JsonObject definition, string name, JsonObject input)
    {
        using var http = new HttpClient { BaseAddress = new Uri(endpoint) };
        (await http.PostAsync("/moto-api/reset", null)).EnsureSuccessStatusCode();
        using (var config = new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync("/moto-api/config", config)).EnsureSuccessStatusCode();
        }

        JsonObject machine = await CallAsync(http, "CreateStateMachine", new JsonObject
        {
            ["name"] = "macrolab-machine",
            ["definition"] = definition.ToJsonString(),
            ["roleArn"] = "arn:aws:iam::123456789012:role/macrolab",
        });
        JsonObject started = await CallAsync(http, "StartExecution", new JsonObject
        {
            ["stateMachineArn"] = machine["stateMachineArn"]!.GetValue<string>(),
            ["name"] = name,
            ["input"] = input.ToJsonString(),
        });
        string executionArn = started["executionArn"]!.GetValue<string>();
        for (int attempt = 0; attempt < 600; attempt++)
        {
            JsonObject described = await CallAsync(http, "DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            string status = described["status"]!.GetValue<string>();
            if (status != "RUNNING")
            {
                JsonObject history = await CallAsync(http, "GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = 1000 });
                string[] entered = [.. history["events"]!.AsArray().Select(e => e!["stateEnteredEventDetails"]?["name"]?.GetValue<string>()).OfType<string>()];
                JsonObject? output = described["output"]?.GetValue<string>() is { } text ? JsonNode.Parse(text)!.AsObject() : null;
                return new Execution(status, output, described["error"]?.GetValue<string>(), entered);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the execution {executionArn} did not finish within 30 s");
    }

    private static Task<JsonObject> CallAsync(HttpClient http, string action, JsonObject body) =>
        MotoJsonApi.CallAsync(http, "AWSStepFunctions", "states", "1.0", action, body);
}
