namespace MacroLab.Build.Tests;

/// <summary>The references MacroLab forbids, as stated in <c>docs/ARCHITECTURE.md</c>.</summary>
internal static class LayeringRules
{
    // The packages' layers, lowest first: a package may reference only packages of lower layers.
    private static readonly Dictionary<string, int> Layer = new(StringComparer.Ordinal)
    {
        ["MacroLab.Data"] = 0,
        ["MacroLab.Scoring"] = 0,
        ["MacroLab.Connectors"] = 1,
        ["MacroLab.Causal"] = 1,
        ["MacroLab.Backtest"] = 1,
        ["MacroLab.Registry"] = 1,
        ["MacroLab.Models"] = 2,
    };

    /// <summary>Every broken rule, as a sentence naming the projects; empty when the graph keeps them all.</summary>
    public static IReadOnlyList<string> Violations(ProjectGraph graph)
    {
        var violations = new List<string>();
        foreach (ProjectNode package in graph.Projects.Values.Where(p => p.Kind == ProjectKind.Package))
        {
            foreach (string reference in package.ProjectReferences)
            {
                if (graph.Projects.TryGetValue(reference, out ProjectNode? target) && target.Kind == ProjectKind.Host)
                {
                    violations.Add($"{package.Name} references the host {reference}: packages know no hosts.");
                }
                else if (package.Name == "MacroLab.Data")
                {
                    violations.Add($"MacroLab.Data references {reference}: Data references no other MacroLab project.");
                }
                else if (Layer.TryGetValue(package.Name, out int own) && Layer.TryGetValue(reference, out int other) && other >= own)
                {
                    violations.Add($"{package.Name} references {reference}, which is not of a lower layer.");
                }
            }
        }

        if (graph.Projects.ContainsKey("MacroLab.Backtest") && graph.PackagesReachedFrom("MacroLab.Backtest").Any(p => p.StartsWith("TorchSharp", StringComparison.Ordinal) || p.StartsWith("libtorch", StringComparison.Ordinal)))
        {
            violations.Add("MacroLab.Backtest reaches TorchSharp: models plug into Backtest through its strategy interface only.");
        }

        // Serving apart from training: what the API and predict load must not bring the training stack.
        foreach (string serving in (string[])["MacroLab.Scoring", "MacroLab.Api"])
        {
            if (!graph.Projects.ContainsKey(serving))
            {
                continue;
            }

            IReadOnlySet<string> projects = graph.ProjectsReachedFrom(serving);
            IReadOnlySet<string> packages = graph.PackagesReachedFrom(serving);
            foreach (string training in (string[])["MacroLab.Models", "MacroLab.Backtest", "MacroLab.Causal"])
            {
                if (projects.Contains(training))
                {
                    violations.Add($"{serving} reaches {training}: serving needs only MacroLab.Scoring.");
                }
            }

            foreach (string heavy in packages.Where(p => p.StartsWith("TorchSharp", StringComparison.Ordinal) || p.StartsWith("libtorch", StringComparison.Ordinal) || p == "ScottPlot"))
            {
                violations.Add($"{serving} reaches {heavy}: serving needs only MacroLab.Scoring.");
            }
        }

        return violations;
    }
}
