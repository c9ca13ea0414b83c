using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MacroLab.Hosting.Cloud;

/// <summary>
/// The API's blue/green rollout as a Step Functions state machine (Amazon States Language): the listener's weights move to
/// the new color in steps (10 %, 50 %, 100 % by default), and after each step the machine waits a soak period and asks
/// CloudWatch whether any of the watched alarms (5xx, p99 latency) is in ALARM; if one is, it puts all traffic back on
/// the old color and fails. Started with <c>{"to": "green"}</c> or <c>{"to": "blue"}</c> once the new color's tasks are
/// healthy. The listener and the alarms are read and changed through Step Functions' AWS SDK integrations; nothing else
/// runs.
/// </summary>
/// <remarks>
/// Why this and not CodeDeploy's ECS blue/green: the stack already runs two ECS services behind one weighted listener, with
/// a header that reaches either color for smoke tests, and releases images and models independently. CodeDeploy would
/// replace both services with one under its control and its own task-set swaps; this machine keeps the services, adds
/// only the alarm-driven shift, and can be executed and tested here (moto runs it).
/// </remarks>
public static class RolloutStateMachine
{
    /// <summary>The state that ends a rollout whose every step stayed healthy.</summary>
    public const string Completed = "Completed";

    /// <summary>The state that puts all traffic back on the old color.</summary>
    public const string RollBack = "RollBack";

    /// <summary>The state that ends a rolled-back rollout.</summary>
    public const string RolledBack = "RolledBack";

    /// <summary>The state that ends a rollout started with an input other than blue or green.</summary>
    public const string BadInput = "BadInput";

    /// <summary>The <c>DefinitionSubstitutions</c> the definition expects.</summary>
    public static IReadOnlyList<string> Substitutions { get; } = ["ListenerArn", "TargetGroupBlueArn", "TargetGroupGreenArn", "WatchedAlarms"];

    /// <summary>The weight of the new color after each step, in percent; the last is 100.</summary>
    public static IReadOnlyList<int> Steps { get; } = [10, 50, 100];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The definition as a JSON document.</summary>
    /// <param name="soak">How long each step runs before the alarms are read (15 minutes by default).</param>
    public static JsonObject Build(TimeSpan? soak = null)
    {
        int seconds = (int)(soak ?? TimeSpan.FromMinutes(15)).TotalSeconds;
        var states = new JsonObject
        {
            ["Direction"] = new JsonObject
            {
                ["Type"] = "Choice",
                ["Comment"] = "Which color receives the traffic: the input's \"to\".",
                ["Choices"] = new JsonArray(ToColor("green"), ToColor("blue")),
                ["Default"] = BadInput,
            },
            ["ToGreen"] = Groups("${TargetGroupGreenArn}", "${TargetGroupBlueArn}", StepName(Steps[0])),
            ["ToBlue"] = Groups("${TargetGroupBlueArn}", "${TargetGroupGreenArn}", StepName(Steps[0])),
        };

        for (int i = 0; i < Steps.Count; i++)
        {
            int weight = Steps[i];
            string step = StepName(weight), soakState = $"Soak{weight}", check = $"Check{weight}", healthy = $"Healthy{weight}";
            states[step] = Shift(weight, $"{weight} % of requests to the new color.", soakState);
            states[soakState] = new JsonObject { ["Type"] = "Wait", ["Seconds"] = seconds, ["Next"] = check };
            states[check] = new JsonObject
            {
                ["Type"] = "Task",
                ["Comment"] = "The watched alarms now in ALARM.",
                ["Resource"] = "arn:aws:states:::aws-sdk:cloudwatch:describeAlarms",
                ["Parameters"] = new JsonObject { ["AlarmNames.$"] = "States.StringSplit('${WatchedAlarms}', ',')", ["StateValue"] = "ALARM" },
                ["ResultSelector"] = new JsonObject { ["firing.$"] = "$.MetricAlarms[*].AlarmName" },
                ["ResultPath"] = $"$.checks.step{weight}",
                ["Retry"] = new JsonArray(Retry("CloudWatch.CloudWatchException")),
                ["Catch"] = new JsonArray(CatchAll()),
                ["Next"] = healthy,
            };
            states[healthy] = new JsonObject
            {
                ["Type"] = "Choice",
                ["Comment"] = "Any watched alarm firing rolls back.",
                ["Choices"] = new JsonArray(new JsonObject { ["Variable"] = $"$.checks.step{weight}.firing[0]", ["IsPresent"] = true, ["Next"] = RollBack }),
                ["Default"] = i + 1 < Steps.Count ? StepName(Steps[i + 1]) : Completed,
            };
        }

        states[RollBack] = new JsonObject
        {
            ["Type"] = "Task",
            ["Comment"] = "All requests back to the old color.",
            ["Resource"] = "arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyListener",
            ["Parameters"] = Listener(0),
            ["ResultPath"] = null,
            ["Retry"] = new JsonArray(Retry("ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception")),
            ["Next"] = RolledBack,
        };
        states[RolledBack] = new JsonObject
        {
            ["Type"] = "Fail",
            ["Error"] = "MacroLab.RolloutRolledBack",
            ["Cause"] = "A watched alarm fired during the rollout; all requests are back on the old color.",
        };
        states[Completed] = new JsonObject { ["Type"] = "Succeed", ["Comment"] = "Every step stayed healthy: all requests on the new color." };
        states[BadInput] = new JsonObject { ["Type"] = "Fail", ["Error"] = "MacroLab.BadInput", ["Cause"] = "Start the rollout with {\"to\": \"green\"} or {\"to\": \"blue\"}." };

        return new JsonObject
        {
            ["Comment"] = string.Create(CultureInfo.InvariantCulture,
                $"MacroLab API rollout: {string.Join(" / ", Steps.Select(s => $"{s} %"))} with an alarm check after each {seconds} s soak. Regenerate with `macrolab state-machine --rollout --out deploy/statemachine/rollout.asl.json`; do not edit by hand."),
            ["StartAt"] = "Direction",
            ["TimeoutSeconds"] = (seconds + 600) * Steps.Count,
            ["States"] = states,
        };
    }

    /// <summary>The definition as the text committed in <c>deploy/statemachine/rollout.asl.json</c>.</summary>
    public static string ToJson() => Build().ToJsonString(Json).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    private static string StepName(int weight) => string.Create(CultureInfo.InvariantCulture, $"Shift{weight}");

    private static JsonObject ToColor(string color) => new()
    {
        ["Variable"] = "$.to",
        ["StringEquals"] = color,
        ["Next"] = color == "green" ? "ToGreen" : "ToBlue",
    };

    private static JsonObject Groups(string newer, string older, string next) => new()
    {
        ["Type"] = "Pass",
        ["Parameters"] = new JsonObject { ["new"] = newer, ["old"] = older },
        ["ResultPath"] = "$.groups",
        ["Next"] = next,
    };

    private static JsonObject Shift(int weight, string comment, string next) => new()
    {
        ["Type"] = "Task",
        ["Comment"] = comment,
        ["Resource"] = "arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyListener",
        ["Parameters"] = Listener(weight),
        ["ResultPath"] = null,
        ["Retry"] = new JsonArray(Retry("ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception")),
        ["Catch"] = new JsonArray(CatchAll()),
        ["Next"] = next,
    };

    private static JsonObject Listener(int newWeight) => new()
    {
        ["ListenerArn"] = "${ListenerArn}",
        ["DefaultActions"] = new JsonArray(new JsonObject
        {
            ["Type"] = "forward",
            ["ForwardConfig"] = new JsonObject
            {
                ["TargetGroups"] = new JsonArray(
                    new JsonObject { ["TargetGroupArn.$"] = "$.groups.new", ["Weight"] = newWeight },
                    new JsonObject { ["TargetGroupArn.$"] = "$.groups.old", ["Weight"] = 100 - newWeight }),
            },
        }),
    };

    private static JsonObject Retry(string error) => new()
    {
        ["ErrorEquals"] = new JsonArray(error, "States.Timeout"),
        ["IntervalSeconds"] = 2,
        ["MaxAttempts"] = 4,
        ["BackoffRate"] = 2.0,
        ["MaxDelaySeconds"] = 60,
        ["JitterStrategy"] = "FULL",
    };

    private static JsonObject CatchAll() => new() { ["ErrorEquals"] = new JsonArray("States.ALL"), ["ResultPath"] = "$.error", ["Next"] = RollBack };
}
