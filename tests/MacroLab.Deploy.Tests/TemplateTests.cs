using System.Diagnostics;
using MacroLab.Hosting.Cloud;
using MacroLab.Telemetry;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Monitoring;
using MacroLab.Trials;
using MacroLab.Registry;
using YamlDotNet.RepresentationModel;

namespace MacroLab.Deploy.Tests;

/// <summary>The CloudFormation template: cfn-lint, and the facts it must share with the code (keys, limits, names).</summary>
public sealed class TemplateTests
{
    private const string RequireVariable = "MACROLAB_REQUIRE_CFN_LINT";

    private static readonly YamlMappingNode Template = DeployFile.Documents("cloudformation", "macrolab.yaml")[0];

    private static YamlNode Resource(string name) => Template.At("Resources", name);

    [SkippableFact]
    public async Task Cfn_lint_passes_the_template()
    {
        string? lint = FindOnPath("cfn-lint");
        Skip.If(lint is null && Environment.GetEnvironmentVariable(RequireVariable) != "1", $"cfn-lint is not installed (pip install cfn-lint); set {RequireVariable}=1 to make this a failure.");
        Assert.True(lint is not null, $"{RequireVariable}=1 but cfn-lint is not on PATH");
        using Process process = Process.Start(new ProcessStartInfo(lint, [DeployFile.PathOf("cloudformation", "macrolab.yaml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"cfn-lint exited with {process.ExitCode}:\n{await output}\n{await error}");
    }

    [Fact]
    public void The_registry_table_has_the_keys_and_index_the_dynamodb_registry_uses()
    {
        YamlNode table = Resource("RegistryTable").At("Properties");
        string[] keys = [.. table.Items("KeySchema").Select(k => k.Text("AttributeName"))];
        Assert.Equal([DynamoDbRegistryTable.PartitionKey, DynamoDbRegistryTable.SortKey], keys);
        YamlNode index = Assert.Single(table.Items("GlobalSecondaryIndexes"));
        Assert.Equal(DynamoDbRegistryTable.ModelsIndex, index.Text("IndexName"));
        Assert.Equal(["EntityType", "EntityName"], index.Items("KeySchema").Select(k => k.Text("AttributeName")));
        Assert.Equal("ALL", index.Text("Projection", "ProjectionType"));
        Assert.Equal("true", table.Text("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"));
    }

    [Fact]
    public void The_trial_queue_matches_the_workers_defaults_and_dead_letters()
    {
        YamlNode queue = Resource("TrialQueue").At("Properties");
        var defaults = new TrialWorkerOptions();
        Assert.Equal(defaults.MaxReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture), queue.Text("RedrivePolicy", "maxReceiveCount"));
        Assert.Equal(((int)defaults.VisibilityTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), queue.Text("VisibilityTimeout"));
        Assert.Equal("TrialDeadLetterQueue.Arn", queue.Text("RedrivePolicy", "deadLetterTargetArn"));
    }

    [Fact]
    public void The_lake_bucket_is_versioned_encrypted_private_and_kept()
    {
        YamlNode bucket = Resource("LakeBucket");
        Assert.Equal("Retain", bucket.Text("DeletionPolicy"));
        YamlNode properties = bucket.At("Properties");
        Assert.Equal("Enabled", properties.Text("VersioningConfiguration", "Status"));
        Assert.Equal("aws:kms", properties.Items("BucketEncryption", "ServerSideEncryptionConfiguration").Single().Text("ServerSideEncryptionByDefault", "SSEAlgorithm"));
        foreach (string flag in (string[])["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"])
        {
            Assert.Equal("true", properties.Text("PublicAccessBlockConfiguration", flag));
        }
    }

    [Fact]
    public void The_state_machine_gets_every_substitution_its_definition_uses_and_runs_the_job_container()
    {
        YamlNode machine = Resource("PipelineStateMachine").At("Properties");
        string[] substitutions = [.. ((YamlMappingNode)machine.At("DefinitionSubstitutions")).Children.Keys.Select(k => ((YamlScalarNode)k).Value!)];
        Assert.Equal(PipelineStateMachine.Substitutions.Order(StringComparer.Ordinal), substitutions.Order(StringComparer.Ordinal));
        YamlNode container = Resource("JobTaskDefinition").At("Properties").Items("ContainerDefinitions").Single();
        Assert.Equal(new StateMachineOptions().ContainerName, container.Text("Name"));
    }

    [Fact]
    public void The_rollout_machine_gets_its_substitutions_and_watches_the_API_alarms()
    {
        YamlNode machine = Resource("ApiRolloutStateMachine").At("Properties");
        string[] substitutions = [.. ((YamlMappingNode)machine.At("DefinitionSubstitutions")).Children.Keys.Select(k => ((YamlScalarNode)k).Value!)];
        Assert.Equal(RolloutStateMachine.Substitutions.Order(StringComparer.Ordinal), substitutions.Order(StringComparer.Ordinal));
        string watched = machine.At("DefinitionSubstitutions").At("WatchedAlarms").ToString();
        Assert.Contains("Api5xxAlarm", watched, StringComparison.Ordinal);
        Assert.Contains("ApiLatencyP99Alarm", watched, StringComparison.Ordinal);
    }

    [Fact]
    public void The_listener_forwards_to_both_target_groups_by_weight()
    {
        YamlNode forward = Resource("Listener").At("Properties").Items("DefaultActions").Single().At("ForwardConfig");
        YamlNode[] groups = [.. forward.Items("TargetGroups")];
        Assert.Equal(["TargetGroupBlue", "TargetGroupGreen"], groups.Select(g => g.Text("TargetGroupArn")));
        Assert.Equal(["BlueWeight", "GreenWeight"], groups.Select(g => g.Text("Weight")));
        Assert.Equal("/readyz", Resource("TargetGroupBlue").Text("Properties", "HealthCheckPath"));
    }

    [Fact]
    public void Every_host_has_its_own_role_and_no_policy_grants_every_action()
    {
        string[] roles = [.. ((YamlMappingNode)Template.At("Resources")).Children
            .Where(r => r.Value.Text("Type") == "AWS::IAM::Role").Select(r => ((YamlScalarNode)r.Key).Value!)];
        Assert.Superset(new HashSet<string>(["JobTaskRole", "ApiTaskRole", "IngestFunctionRole", "StateMachineRole", "WorkerRole", "TaskExecutionRole"]), roles.ToHashSet());
        string text = File.ReadAllText(DeployFile.PathOf("cloudformation", "macrolab.yaml"));
        Assert.DoesNotContain("Action: \"*\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Action: '*'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dynamodb:*", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_alarms_watch_what_the_hosts_write_and_every_alarm_is_in_the_runbook()
    {
        var alarms = ((YamlMappingNode)Template.At("Resources")).Children
            .Where(r => r.Value.Text("Type") == "AWS::CloudWatch::Alarm")
            .ToDictionary(r => ((YamlScalarNode)r.Key).Value!, r => r.Value.At("Properties"));

        // The Embedded Metric Format alarms name the namespaces and metrics the code writes.
        Assert.Equal((PipelineMetrics.Namespace, "StageDuration"), (alarms["PipelineStageSlowAlarm"].Text("Namespace"), alarms["PipelineStageSlowAlarm"].Text("MetricName")));
        Assert.Equal((DriftMetrics.Namespace, "InputDriftShare"), (alarms["InputDriftAlarm"].Text("Namespace"), alarms["InputDriftAlarm"].Text("MetricName")));
        Assert.Equal(("MacroLab/Api", "macrolab.api.request.duration", "p99"),
            (alarms["ApiLatencyP99Alarm"].Text("Namespace"), alarms["ApiLatencyP99Alarm"].Text("MetricName"), alarms["ApiLatencyP99Alarm"].Text("ExtendedStatistic")));

        // Their writers are switched on in the tasks that produce them.
        foreach (string task in (string[])["JobTaskDefinition", "ApiTaskDefinitionBlue", "ApiTaskDefinitionGreen"])
        {
            YamlNode container = Assert.Single(Resource(task).Items("Properties", "ContainerDefinitions"));
            Assert.Contains(container.Items("Environment"), e => e.Text("Name") == EmbeddedMetricsOptions.Setting && e.Text("Value") == "emf");
        }

        string runbook = File.ReadAllText(DeployFile.PathOf("README.md"));
        Assert.All(alarms.Keys, alarm => Assert.Contains($"`{alarm}`", runbook, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_image_repository_scans_on_push_and_keeps_its_tags_immutable()
    {
        var repositories = ((YamlMappingNode)Template.At("Resources")).Children
            .Where(r => r.Value.Text("Type") == "AWS::ECR::Repository").ToDictionary(r => ((YamlScalarNode)r.Key).Value!, r => r.Value.At("Properties"));

        Assert.Equal(["ApiRepository", "FeaturesJobRepository", "JobRepository", "WorkerRepository"], repositories.Keys.Order(StringComparer.Ordinal));
        Assert.All(repositories.Values, r =>
        {
            Assert.Equal("true", r.Text("ImageScanningConfiguration", "ScanOnPush"));
            Assert.Equal("IMMUTABLE", r.Text("ImageTagMutability"));
        });
        // One repository per image the repository builds.
        Assert.Equal(Directory.GetFiles(DeployFile.PathOf("docker"), "*.Dockerfile").Length, repositories.Count);
    }

    [Fact]
    public void No_secret_is_written_in_the_template_and_each_reaches_its_task_from_secrets_manager()
    {
        string text = File.ReadAllText(DeployFile.PathOf("cloudformation", "macrolab.yaml"));
        Assert.DoesNotMatch(@"(?i)(AdminKey|CallerKeys|Password|Secret)[A-Za-z_]*, Value:", text);
        foreach (string task in (string[])["ApiTaskDefinitionBlue", "ApiTaskDefinitionGreen"])
        {
            YamlNode container = Assert.Single(Resource(task).Items("Properties", "ContainerDefinitions"));
            Assert.Equal(["MacroLab__Serving__AdminKey", "MacroLab__Serving__CallerKeys"], container.Items("Secrets").Select(e => e.Text("Name")).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(container.Items("Environment"), e => e.Text("Name").Contains("Key", StringComparison.Ordinal));
        }

        Assert.Equal("AWS::SecretsManager::Secret", Resource("ApiCallerKeys").Text("Type"));
    }

    [Fact]
    public void The_scheduled_fetch_passes_its_series_and_the_function_reads_the_FRED_key_from_its_secret()
    {
        YamlNode target = Assert.Single(Resource("FetchScheduleRule").Items("Properties", "Targets"));
        var sub = (YamlScalarNode)target.At("Input");
        Assert.Equal("!Sub", sub.Tag.Value);
        string input = sub.Value!;
        using var fetch = System.Text.Json.JsonDocument.Parse(input.Replace("${FetchSeries}", "CPIAUCSL,PAYEMS", StringComparison.Ordinal));
        Assert.Equal("fred", fetch.RootElement.GetProperty("fetch").GetProperty("source").GetString());
        Assert.Equal("CPIAUCSL,PAYEMS", fetch.RootElement.GetProperty("fetch").GetProperty("series").GetString());
        Assert.Equal("FetchScheduled", Resource("FetchScheduleRule").Text("Condition"));

        // The secret's name reaches the function (not its value), and its role may read exactly that secret through Parameter Store.
        YamlNode variables = Resource("IngestFunction").At("Properties", "Environment", "Variables");
        Assert.Equal(("!Ref", "FredApiKey"), (variables.At("MacroLab__Fred__ApiKeySecret").Tag.Value, variables.Text("MacroLab__Fred__ApiKeySecret")));
        YamlNode[] statements = [.. Resource("IngestFunctionRole").Items("Properties", "Policies").Single().Items("PolicyDocument", "Statement")];
        Assert.Contains(statements, s => s.At("Action") is YamlScalarNode { Value: "ssm:GetParameter" }
            && s.Text("Resource").Contains("parameter/aws/reference/secretsmanager/", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.At("Action") is YamlScalarNode { Value: "secretsmanager:GetSecretValue" } && s.At("Resource") is YamlScalarNode { Value: "FredApiKey" } r && r.Tag.Value == "!Ref");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
