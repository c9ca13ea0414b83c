using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Cloud;

/// <summary>
/// The Step Functions state machine (Amazon States Language) of the cloud pipeline, generated from <see cref="StageGraph"/>
/// so that the two cannot drift apart. Every stage is an ECS Fargate task (<c>ecs:runTask.sync</c>) of the job image
/// running <c>macrolab run --from &lt;stage&gt; --until &lt;stage&gt; --outcome-record</c>: exit codes mean failure only, and
/// business outcomes travel as data, in the outcome record the stage writes to the lake (<see cref="StageOutcomeRecord"/>).
/// The task's ResultSelector keeps its ARN and the container's exit code, and a Choice after it lets only 0 through, so the
/// machine is right whichever way the service treats a non-zero exit (a successful state carrying the code, or a failed
/// state with <c>States.TaskFailed</c>): both end in the failure record. After the gates stage an S3 <c>GetObject</c> reads
/// the gates' record and a Choice on its verdict decides: passed registers, promotes, stores the drift reference, decides
/// with the champion, tracks it and reports; rejected registers the version with its gate report, decides with the
/// champion there is (if any), tracks it and reports, never promoting. ECS API errors and tasks the platform stopped are
/// retried with exponential backoff and full jitter; anything else is caught, written as a failure record to the lake
/// bucket (<c>runs/failures/&lt;execution&gt;.json</c>) and ends the execution in a Fail state.
/// </summary>
/// <remarks>
/// Stack-specific values are <c>${Name}</c> placeholders filled by CloudFormation's <c>DefinitionSubstitutions</c>:
/// <see cref="Substitutions"/> lists them.
/// </remarks>
public static class PipelineStateMachine
{
    /// <summary>The state that reads the gates' outcome record, and the Choice on its verdict.</summary>
    public const string GatesOutcome = "GatesOutcome", GatesVerdict = "GatesVerdict";

    /// <summary>The states that end an execution: the model promoted, the model rejected, or a failure.</summary>
    public const string Promoted = "Promoted", Rejected = "Rejected", Failed = "Failed";

    /// <summary>The state that writes the failure record before <see cref="Failed"/>.</summary>
    public const string RecordFailure = "RecordFailure";

    /// <summary>The first state: names the run after the execution (the registry's actor and the failure record's key).</summary>
    public const string Prepare = "Prepare";

    /// <summary>The stages a rejected model skips: it is never promoted, and a model that will not serve needs no drift reference.</summary>
    public static IReadOnlyList<string> SkippedWhenRejected { get; } = [StageGraph.Promote, StageGraph.Drift];

    /// <summary>The <c>DefinitionSubstitutions</c> the definition expects.</summary>
    public static IReadOnlyList<string> Substitutions { get; } =
        ["ClusterArn", "JobTaskDefinitionArn", "SubnetA", "SubnetB", "TaskSecurityGroup", "PipelineConfigPath", "LakeUri", "LakeBucket", "LakePrefix", "RegistryTable"];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The definition as a JSON document.</summary>
    /// <param name="options">How stages run; null for the defaults.</param>
    public static JsonObject Build(StateMachineOptions? options = null)
    {
        options ??= new StateMachineOptions();
        IReadOnlyList<StageDefinition> stages = StageGraph.Stages;
        int gates = IndexOf(stages, StageGraph.Gates);
        StageDefinition[] trunk = [.. stages.Take(gates + 1)];
        StageDefinition[] passed = [.. stages.Skip(gates + 1)];
        StageDefinition[] rejected = [.. passed.Where(s => !SkippedWhenRejected.Contains(s.Name))];

        var states = new JsonObject
        {
            [Prepare] = new JsonObject
            {
                ["Type"] = "Pass",
                ["Comment"] = "Names the run after the execution: the registry's actor and the failure record's key.",
                ["Parameters"] = new JsonObject { ["actor.$"] = "$$.Execution.Name" },
                ["ResultPath"] = "$.run",
                ["Next"] = StateName(trunk[0], string.Empty),
            },
        };

        for (int i = 0; i < trunk.Length - 1; i++)
        {
            AddStage(states, trunk[i], string.Empty, StateName(trunk[i + 1], string.Empty), options);
        }

        // The gates stage: exit 0 means it ran; its record says what it decided.
        AddStage(states, trunk[^1], string.Empty, GatesOutcome, options);
        string outcomePath = $"{ResultPath(trunk[^1], string.Empty)}.outcome";
        states[GatesOutcome] = new JsonObject
        {
            ["Type"] = "Task",
            ["Comment"] = "Reads the gates' outcome record (runs/outcomes/<execution>/gates.json): the verdict travels as data, not as an exit code.",
            ["Resource"] = "arn:aws:states:::aws-sdk:s3:getObject",
            ["Parameters"] = new JsonObject
            {
                ["Bucket"] = "${LakeBucket}",
                ["Key.$"] = $"States.Format('${{LakePrefix}}runs/outcomes/{{}}/{StageGraph.Gates}.json', $.run.actor)",
            },
            ["ResultSelector"] = new JsonObject { ["record.$"] = "States.StringToJson($.Body)" },
            ["ResultPath"] = outcomePath,
            ["Retry"] = new JsonArray(Retry(["S3.S3Exception", "S3.SdkClientException"], 2, 3, 30)),
            ["Catch"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["ResultPath"] = "$.error", ["Next"] = RecordFailure }),
            ["Next"] = GatesVerdict,
        };
        states[GatesVerdict] = new JsonObject
        {
            ["Type"] = "Choice",
            ["Comment"] = "The validation gate: the verdict of the gates' outcome record.",
            ["Choices"] = new JsonArray(
                VerdictIs(outcomePath, StageOutcomeRecord.Passed, passed.Length > 0 ? StateName(passed[0], string.Empty) : Promoted),
                VerdictIs(outcomePath, StageOutcomeRecord.Rejected, rejected.Length > 0 ? StateName(rejected[0], "Rejected") : Rejected)),
            ["Default"] = FailedName(trunk[^1], string.Empty),
        };

        AddBranch(states, passed, string.Empty, Promoted, options);
        AddBranch(states, rejected, "Rejected", Rejected, options);

        states[Promoted] = Outcome("promoted", "Every gate passed: the version is registered and holds the alias.");
        states[Rejected] = Outcome("rejected", "The model failed a gate: the version is registered with its gate report and was not promoted.");
        states[RecordFailure] = new JsonObject
        {
            ["Type"] = "Task",
            ["Comment"] = "Writes the failure record (the execution's state and its error) to the lake bucket.",
            ["Resource"] = "arn:aws:states:::aws-sdk:s3:putObject",
            ["Parameters"] = new JsonObject
            {
                ["Bucket"] = "${LakeBucket}",
                ["Key.$"] = "States.Format('${LakePrefix}runs/failures/{}.json', $.run.actor)",
                ["Body.$"] = "States.JsonToString($)",
                ["ContentType"] = "application/json",
            },
            ["ResultPath"] = null,
            ["Retry"] = new JsonArray(Retry(["S3.S3Exception", "S3.SdkClientException"], 2, 3, 30)),
            ["Catch"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["ResultPath"] = "$.recordError", ["Next"] = Failed }),
            ["Next"] = Failed,
        };
        states[Failed] = new JsonObject
        {
            ["Type"] = "Fail",
            ["Error"] = "MacroLab.PipelineFailed",
            ["Cause"] = "A stage failed or could not run; the failure record is in the lake bucket under runs/failures/<execution name>.json.",
        };

        return new JsonObject
        {
            ["Comment"] = $"MacroLab pipeline, generated from StageGraph ({string.Join(", ", StageGraph.Names)}). Regenerate with `macrolab state-machine --out deploy/statemachine/pipeline.asl.json`; do not edit by hand.",
            ["StartAt"] = Prepare,
            ["TimeoutSeconds"] = (int)(options.StageTimeout.TotalSeconds * (stages.Count + 1)),
            ["States"] = states,
        };
    }

    /// <summary>The definition as the text committed in <c>deploy/statemachine/pipeline.asl.json</c> (indented, LF line ends, final newline).</summary>
    /// <param name="options">How stages run; null for the defaults.</param>
    public static string ToJson(StateMachineOptions? options = null) =>
        Build(options).ToJsonString(Json).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>The state name of a stage's task: its name in title case, with a branch suffix (<c>RegisterRejected</c>).</summary>
    internal static string StateName(StageDefinition stage, string branch) =>
        string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(stage.Name[0])}{stage.Name[1..]}{branch}");

    private static string ExitedName(StageDefinition stage, string branch) => StateName(stage, branch) + "Exited";

    private static string FailedName(StageDefinition stage, string branch) => StateName(stage, branch) + "Failed";

    private static string ResultPath(StageDefinition stage, string branch) => branch.Length == 0 ? $"$.stages.{stage.Name}" : $"$.stages.{stage.Name}{branch}";

    private static void AddBranch(JsonObject states, StageDefinition[] branch, string suffix, string end, StateMachineOptions options)
    {
        for (int i = 0; i < branch.Length; i++)
        {
            AddStage(states, branch[i], suffix, i + 1 < branch.Length ? StateName(branch[i + 1], suffix) : end, options);
        }
    }

    private static void AddStage(JsonObject states, StageDefinition stage, string branch, string next, StateMachineOptions options)
    {
        AddTask(states, stage, branch, options);
        states[ExitedName(stage, branch)] = new JsonObject
        {
            ["Type"] = "Choice",
            ["Comment"] = "Exit codes mean failure only: 0 goes on, anything else is recorded as the stage's failure.",
            ["Choices"] = new JsonArray(ExitCodeIs(stage, 0, next, branch)),
            ["Default"] = FailedName(stage, branch),
        };
        AddStageFailure(states, stage, branch);
    }

    private static void AddTask(JsonObject states, StageDefinition stage, string branch, StateMachineOptions options)
    {
        string command = string.Join(", ", (string[])[
            "'run'", "'--config'", "'${PipelineConfigPath}'", "'--lake'", "'${LakeUri}'",
            "'--registry'", "'dynamodb'", "'--registry-table'", "'${RegistryTable}'",
            "'--from'", $"'{stage.Name}'", "'--until'", $"'{stage.Name}'", "'--outcome-record'", "'--actor'", "$.run.actor"]);
        states[StateName(stage, branch)] = new JsonObject
        {
            ["Type"] = "Task",
            ["Comment"] = stage.Description,
            ["Resource"] = "arn:aws:states:::ecs:runTask.sync",
            ["Parameters"] = new JsonObject
            {
                ["Cluster"] = "${ClusterArn}",
                ["TaskDefinition"] = "${JobTaskDefinitionArn}",
                ["LaunchType"] = "FARGATE",
                ["PropagateTags"] = "TASK_DEFINITION",
                ["NetworkConfiguration"] = new JsonObject
                {
                    ["AwsvpcConfiguration"] = new JsonObject
                    {
                        ["Subnets"] = new JsonArray("${SubnetA}", "${SubnetB}"),
                        ["SecurityGroups"] = new JsonArray("${TaskSecurityGroup}"),
                        ["AssignPublicIp"] = "DISABLED",
                    },
                },
                ["Overrides"] = new JsonObject
                {
                    ["ContainerOverrides"] = new JsonArray(new JsonObject
                    {
                        ["Name"] = options.ContainerName,
                        ["Command.$"] = $"States.Array({command})",
                    }),
                },
            },
            ["ResultSelector"] = new JsonObject { ["taskArn.$"] = "$.TaskArn", ["exitCode.$"] = "$.Containers[0].ExitCode" },
            ["ResultPath"] = ResultPath(stage, branch),
            ["TimeoutSeconds"] = (int)options.StageTimeout.TotalSeconds,
            ["Retry"] = new JsonArray(
                Retry(["ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException"], 10, options.EcsApiRetries, 300),
                Retry(["States.TaskFailed"], 60, options.TaskRetries, 600)),
            ["Catch"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["ResultPath"] = "$.error", ["Next"] = RecordFailure }),
            ["Next"] = ExitedName(stage, branch),
        };
    }

    private static void AddStageFailure(JsonObject states, StageDefinition stage, string branch)
    {
        string path = ResultPath(stage, branch);
        states[FailedName(stage, branch)] = new JsonObject
        {
            ["Type"] = "Pass",
            ["Comment"] = $"The {stage.Name} task stopped without a successful exit code.",
            ["Parameters"] = new JsonObject
            {
                ["Error"] = "MacroLab.StageFailed",
                ["Stage"] = stage.Name,
                ["TaskArn.$"] = $"{path}.taskArn",
                ["ExitCode.$"] = $"{path}.exitCode",
            },
            ["ResultPath"] = "$.error",
            ["Next"] = RecordFailure,
        };
    }

    private static JsonObject ExitCodeIs(StageDefinition stage, int code, string next, string branch = "")
    {
        string variable = $"{ResultPath(stage, branch)}.exitCode";
        return new JsonObject
        {
            ["And"] = new JsonArray(
                new JsonObject { ["Variable"] = variable, ["IsPresent"] = true },
                new JsonObject { ["Variable"] = variable, ["NumericEquals"] = code }),
            ["Next"] = next,
        };
    }

    private static JsonObject VerdictIs(string outcomePath, string verdict, string next)
    {
        string variable = $"{outcomePath}.record.verdict";
        return new JsonObject
        {
            ["And"] = new JsonArray(
                new JsonObject { ["Variable"] = variable, ["IsPresent"] = true },
                new JsonObject { ["Variable"] = variable, ["StringEquals"] = verdict }),
            ["Next"] = next,
        };
    }

    private static JsonObject Retry(string[] errors, int intervalSeconds, int attempts, int maxDelaySeconds) => new()
    {
        ["ErrorEquals"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]),
        ["IntervalSeconds"] = intervalSeconds,
        ["MaxAttempts"] = attempts,
        ["BackoffRate"] = 2.0,
        ["MaxDelaySeconds"] = maxDelaySeconds,
        ["JitterStrategy"] = "FULL",
    };

    private static JsonObject Outcome(string decision, string comment) => new()
    {
        ["Type"] = "Pass",
        ["Comment"] = comment,
        ["Result"] = decision,
        ["ResultPath"] = "$.decision",
        ["End"] = true,
    };

    private static int IndexOf(IReadOnlyList<StageDefinition> stages, string name)
    {
        for (int i = 0; i < stages.Count; i++)
        {
            if (stages[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The stage graph has no {name} stage; the state machine branches on it.");
    }
}
