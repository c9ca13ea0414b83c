using System.Text.Json.Nodes;
using MacroLab.Hosting.Cloud;

namespace MacroLab.Deploy.Tests;

/// <summary>The ASL graph check finds each kind of broken definition.</summary>
public sealed class AslGraphTests
{
    private static JsonObject Sound() => JsonNode.Parse("""
        {
          "StartAt": "Work",
          "States": {
            "Work": { "Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Next": "Decide",
                      "Retry": [{ "ErrorEquals": ["States.TaskFailed"] }],
                      "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Broken" }] },
            "Decide": { "Type": "Choice", "Choices": [{ "Variable": "$.ok", "BooleanEquals": true, "Next": "Done" }], "Default": "Broken" },
            "Done": { "Type": "Succeed" },
            "Broken": { "Type": "Fail", "Error": "X" }
          }
        }
        """)!.AsObject();

    [Fact]
    public void A_sound_definition_has_no_problems()
    {
        Assert.Empty(AslGraph.Check(Sound()));
    }

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "StartAt", "\"Nowhere\"", "$.StartAt: 'Nowhere' is not a state." },
        { "States.Work.Next", "\"Missing\"", "$.States.Work: the target 'Missing' is not a state." },
        { "States.Decide.Default", "\"Missing\"", "$.States.Decide: the target 'Missing' is not a state." },
        { "States.Decide.Choices", "[{\"Variable\":\"$.ok\",\"BooleanEquals\":true,\"Next\":\"Gone\"}]", "$.States.Decide: the target 'Gone' is not a state." },
        { "States.Work.Catch", "[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Gone\"}]", "$.States.Work: the target 'Gone' is not a state." },
        { "States.Work.End", "true", "$.States.Work: has both Next and End." },
        { "States.Orphan", "{\"Type\":\"Pass\",\"End\":true}", "$.States.Orphan: unreachable from StartAt 'Work'." },
        { "States.Decide.Choices", "[]", "$.States.Decide.Choices: a Choice state needs at least one rule." },
        { "States.Decide.Next", "\"Done\"", "$.States.Decide: a Choice state ends through its rules; it takes no Next or End." },
        { "States.Done.Next", "\"Broken\"", "$.States.Done: a Succeed state is terminal; it takes no Next or End." },
        { "States.Work.Type", "\"Job\"", "$.States.Work.Type: 'Job' is not a state type" },
        { "States.Work.Resource", "null", "$.States.Work.Resource: a Task state needs a Resource." },
        { "States.Work.Catch", "[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Broken\"},{\"ErrorEquals\":[\"States.Timeout\"],\"Next\":\"Broken\"}]", "$.States.Work.Catch[0]: States.ALL must be alone and in the last Catch entry." },
        { "States.Work.Retry", "[{\"ErrorEquals\":[]}]", "$.States.Work.Retry[0].ErrorEquals: missing or empty." },
        { "States.Work.Catch", "[{\"ErrorEquals\":[\"States.ALL\"]}]", "$.States.Work.Catch[0].Next: missing." },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Each_breakage_is_reported_naming_the_state_and_field(string path, string json, string expected)
    {
        JsonObject definition = Sound();
        Set(definition, path, JsonNode.Parse(json));

        IReadOnlyList<string> problems = AslGraph.Check(definition);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_definition_whose_every_path_loops_has_no_terminal()
    {
        JsonObject definition = JsonNode.Parse("""
            { "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Wait", "Seconds": 1, "Next": "A" } } }
            """)!.AsObject();

        Assert.Contains("$: no terminal state (Succeed, Fail or End: true) is reachable.", AslGraph.Check(definition));
    }

    [Fact]
    public void Parallel_branches_are_checked_as_machines()
    {
        JsonObject definition = JsonNode.Parse("""
            { "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true,
              "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Pass", "Next": "Y" } } } ] } } }
            """)!.AsObject();

        Assert.Contains("$.States.P.Branches[0].States.X: the target 'Y' is not a state.", AslGraph.Check(definition));
    }

    [Fact]
    public void Removing_any_state_of_the_pipeline_is_caught()
    {
        JsonObject pipeline = PipelineStateMachine.Build();
        foreach (string name in pipeline["States"]!.AsObject().Select(s => s.Key).ToArray())
        {
            var broken = (JsonObject)pipeline.DeepClone();
            broken["States"]!.AsObject().Remove(name);
            Assert.True(AslGraph.Check(broken).Count > 0, $"removing {name} went unnoticed");
        }
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        string[] parts = path.Split('.');
        JsonObject node = root;
        foreach (string part in parts[..^1])
        {
            node = node[part]!.AsObject();
        }

        if (value is null)
        {
            node.Remove(parts[^1]);
        }
        else
        {
            node[parts[^1]] = value;
        }
    }
}
