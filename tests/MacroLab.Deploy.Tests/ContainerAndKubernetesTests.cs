using System.Text.RegularExpressions;
using MacroLab.Trials;
using YamlDotNet.RepresentationModel;

namespace MacroLab.Deploy.Tests;

/// <summary>The Dockerfiles and the worker's Kubernetes manifests against the projects and the worker's settings.</summary>
public sealed partial class ContainerAndKubernetesTests
{
    public static TheoryData<string, string, string> Images => new()
    {
        { "cli.Dockerfile", "hosts/MacroLab.Cli/MacroLab.Cli.csproj", "macrolab.dll" },
        { "api.Dockerfile", "hosts/MacroLab.Api/MacroLab.Api.csproj", "MacroLab.Api.dll" },
        { "worker.Dockerfile", "hosts/MacroLab.Worker/MacroLab.Worker.csproj", "MacroLab.Worker.dll" },
        { "features-job.Dockerfile", "hosts/MacroLab.FeaturesJob/MacroLab.FeaturesJob.csproj", "MacroLab.FeaturesJob.dll" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Each_image_is_built_in_a_separate_stage_runs_as_a_non_root_user_and_starts_its_host(string dockerfile, string project, string entry)
    {
        string[] lines = File.ReadAllLines(DeployFile.PathOf("docker", dockerfile));
        string[] stages = [.. lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal))];
        Assert.True(stages.Length >= 2, $"{dockerfile} is not multi-stage");
        Assert.Contains("/sdk:", stages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("/sdk:", stages[^1], StringComparison.Ordinal);

        string[] final = [.. lines.SkipWhile(l => l != stages[^1])];
        Assert.Contains(final, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        string user = Assert.Single(final, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"USER\s+(root|0)\b", user);

        string publish = Assert.Single(lines, l => l.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(project, publish, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, project)), $"{dockerfile} publishes {project}, which does not exist");
        Assert.Contains(final, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && l.Contains($"/app/{entry}", StringComparison.Ordinal));
        Assert.Equal(AssemblyName(project) + ".dll", entry);
    }

    [Fact]
    public void The_build_context_leaves_out_build_outputs_and_git()
    {
        string[] ignored = File.ReadAllLines(Path.Combine(Repository.Root, ".dockerignore"));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
    }

    [Fact]
    public void The_worker_deployment_matches_the_queue_irsa_and_drain_settings()
    {
        IReadOnlyList<YamlMappingNode> documents = DeployFile.Documents("kubernetes", "worker.yaml");
        YamlMappingNode Kind(string kind) => Assert.Single(documents, d => d.Text("kind") == kind);

        YamlMappingNode account = Kind("ServiceAccount");
        Assert.Equal("macrolab-worker", account.Text("metadata", "name"));
        Assert.Equal("${WORKER_ROLE_ARN}", account.Text("metadata", "annotations", "eks.amazonaws.com/role-arn"));
        string template = File.ReadAllText(DeployFile.PathOf("cloudformation", "macrolab.yaml"));
        Assert.Contains("system:serviceaccount:${WorkerNamespace}:macrolab-worker", template, StringComparison.Ordinal);
        Assert.Contains("Default: macrolab", template, StringComparison.Ordinal);
        Assert.Equal("macrolab", account.Text("metadata", "namespace"));

        YamlNode config = Kind("ConfigMap").At("data");
        var settings = new TrialWorkerOptions
        {
            QueueUrl = config.Text("MacroLab__Worker__QueueUrl"),
            MaxReceiveCount = int.Parse(config.Text("MacroLab__Worker__MaxReceiveCount"), System.Globalization.CultureInfo.InvariantCulture),
            VisibilityTimeout = TimeSpan.Parse(config.Text("MacroLab__Worker__VisibilityTimeout"), System.Globalization.CultureInfo.InvariantCulture),
            DrainTimeout = TimeSpan.Parse(config.Text("MacroLab__Worker__DrainTimeout"), System.Globalization.CultureInfo.InvariantCulture),
        };
        settings.Validate();
        YamlNode queue = DeployFile.Documents("cloudformation", "macrolab.yaml")[0].At("Resources", "TrialQueue", "Properties");
        Assert.Equal(queue.Text("RedrivePolicy", "maxReceiveCount"), config.Text("MacroLab__Worker__MaxReceiveCount"));
        Assert.Equal(queue.Text("VisibilityTimeout"), ((int)settings.VisibilityTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

        YamlNode pod = Kind("Deployment").At("spec", "template", "spec");
        Assert.Equal("macrolab-worker", pod.Text("serviceAccountName"));
        int grace = int.Parse(pod.Text("terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace > settings.DrainTimeout.TotalSeconds + 5, $"terminationGracePeriodSeconds {grace} leaves no time after the {settings.DrainTimeout} drain");
        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        YamlNode container = pod.Items("containers").Single();
        Assert.Equal("true", container.Text("securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("macrolab-worker", container.Text("envFrom", "0", "configMapRef", "name"));

        YamlMappingNode scaler = Kind("ScaledObject");
        Assert.Equal("macrolab-worker", scaler.Text("spec", "scaleTargetRef", "name"));
        YamlNode trigger = scaler.Items("spec", "triggers").Single();
        Assert.Equal("aws-sqs-queue", trigger.Text("type"));
        Assert.Equal(config.Text("MacroLab__Worker__QueueUrl"), trigger.Text("metadata", "queueURL"));
    }

    private static string AssemblyName(string project)
    {
        Match name = AssemblyNamePattern().Match(File.ReadAllText(Path.Combine(Repository.Root, project)));
        return name.Success ? name.Groups[1].Value : Path.GetFileNameWithoutExtension(project);
    }

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNamePattern();

    [Fact]
    public void Worker_nodes_are_spot_first_with_on_demand_fallback_consolidated_and_reserved_for_the_workers()
    {
        IReadOnlyList<YamlMappingNode> documents = DeployFile.Documents("kubernetes", "karpenter.yaml");
        YamlMappingNode pool = Assert.Single(documents, d => d.Text("kind") == "NodePool");
        YamlMappingNode nodeClass = Assert.Single(documents, d => d.Text("kind") == "EC2NodeClass");
        Assert.Equal("karpenter.sh/v1", pool.Text("apiVersion"));
        Assert.Equal("karpenter.k8s.aws/v1", nodeClass.Text("apiVersion"));

        YamlNode capacity = Assert.Single(pool.Items("spec", "template", "spec", "requirements"), r => r.Text("key") == "karpenter.sh/capacity-type");
        Assert.Equal(["spot", "on-demand"], capacity.Items("values").Select(v => ((YamlScalarNode)v).Value));
        Assert.Equal("WhenEmptyOrUnderutilized", pool.Text("spec", "disruption", "consolidationPolicy"));
        Assert.Equal(nodeClass.Text("metadata", "name"), pool.Text("spec", "template", "spec", "nodeClassRef", "name"));
        Assert.Equal("required", nodeClass.Text("spec", "metadataOptions", "httpTokens"));

        // The workers select the pool and tolerate its taint; nothing else does.
        YamlNode taint = Assert.Single(pool.Items("spec", "template", "spec", "taints"));
        YamlNode pod = Assert.Single(DeployFile.Documents("kubernetes", "worker.yaml"), d => d.Text("kind") == "Deployment").At("spec", "template", "spec");
        Assert.Equal(pool.Text("spec", "template", "metadata", "labels", "macrolab.io/pool"), pod.Text("nodeSelector", "macrolab.io/pool"));
        Assert.Contains(pod.Items("tolerations"), t => t.Text("key") == taint.Text("key") && t.Text("value") == taint.Text("value") && t.Text("effect") == taint.Text("effect"));
    }
}
