using System.Text;
using System.Xml.Linq;

namespace MacroLab.Build.Tests;

/// <summary>The MacroLab projects of <c>src/</c> (packages) and <c>hosts/</c>, their project references and package references, read from the project files.</summary>
internal sealed class ProjectGraph
{
    /// <summary>The third-party packages the diagram shows: the heavy stacks whose reach matters to the layering.</summary>
    public static readonly string[] NotablePackages = ["TorchSharp", "Microsoft.ML", "Microsoft.ML.OnnxRuntime", "ScottPlot", "Microsoft.AspNetCore.OpenApi"];

    public ProjectGraph(IEnumerable<ProjectNode> projects) =>
        Projects = projects.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ProjectNode> Projects { get; }

    public static ProjectGraph Load(string repositoryRoot)
    {
        var nodes = new List<ProjectNode>();
        foreach ((string folder, ProjectKind kind) in (ReadOnlySpan<(string, ProjectKind)>)[("src", ProjectKind.Package), ("hosts", ProjectKind.Host)])
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(repositoryRoot, folder), "*.csproj", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
            {
                XDocument project = XDocument.Load(file);
                string[] projects = [.. project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))];
                string[] packages = [.. project.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value)];
                nodes.Add(new ProjectNode(Path.GetFileNameWithoutExtension(file), kind, projects, packages));
            }
        }

        return new ProjectGraph(nodes);
    }

    /// <summary>Every project <paramref name="name"/> reaches through project references, itself excluded.</summary>
    public IReadOnlySet<string> ProjectsReachedFrom(string name)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Projects[name].ProjectReferences);
        while (pending.TryPop(out string? next))
        {
            if (reached.Add(next) && Projects.TryGetValue(next, out ProjectNode? node))
            {
                foreach (string reference in node.ProjectReferences)
                {
                    pending.Push(reference);
                }
            }
        }

        return reached;
    }

    /// <summary>Every package <paramref name="name"/> references, directly or through the projects it reaches.</summary>
    public IReadOnlySet<string> PackagesReachedFrom(string name) =>
        new SortedSet<string>(ProjectsReachedFrom(name).Append(name).Where(Projects.ContainsKey).SelectMany(p => Projects[p].PackageReferences), StringComparer.Ordinal);

    /// <summary>The dependency diagram, as a Mermaid flowchart: packages, hosts, project references and the notable packages each project references directly.</summary>
    public string ToMermaid()
    {
        var text = new StringBuilder("```mermaid\nflowchart BT\n");
        foreach ((ProjectKind kind, string title) in (ReadOnlySpan<(ProjectKind, string)>)[(ProjectKind.Package, "packages (src/)"), (ProjectKind.Host, "hosts (hosts/)")])
        {
            text.Append("  subgraph ").Append(kind).Append("s[\"").Append(title).Append("\"]\n");
            foreach (ProjectNode node in Projects.Values.Where(p => p.Kind == kind))
            {
                text.Append("    ").Append(Id(node.Name)).Append("[\"").Append(node.Name).Append("\"]\n");
            }

            text.Append("  end\n");
        }

        foreach (ProjectNode node in Projects.Values)
        {
            foreach (string reference in node.ProjectReferences.Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(Id(node.Name)).Append(" --> ").Append(Id(reference)).Append('\n');
            }
        }

        foreach (ProjectNode node in Projects.Values)
        {
            foreach (string package in node.PackageReferences.Where(NotablePackages.Contains).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(Id(node.Name)).Append(" -.-> ").Append(Id(package)).Append("([\"").Append(package).Append("\"])\n");
            }
        }

        return text.Append("```\n").ToString();

        static string Id(string name) => name.Replace("MacroLab.", string.Empty, StringComparison.Ordinal).Replace(".", "_", StringComparison.Ordinal);
    }
}

internal enum ProjectKind
{
    Package,
    Host,
}

internal sealed record ProjectNode(string Name, ProjectKind Kind, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences);
