namespace MacroLab.TestSupport;

/// <summary>Paths in the repository, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the bundled sample data, e.g. <c>Sample("fred_md", "2019-10.csv")</c>.</summary>
    public static string Sample(params string[] parts) => Path.Combine([Root, "samples", "data", .. parts]);

    /// <summary>The reduced pipeline configuration of the end-to-end tests (every stage in seconds on the bundled data).</summary>
    public static string ReducedPipeline { get; } = Path.Combine(AppContext.BaseDirectory, "reduced-pipeline.yaml");

    /// <summary>The reduced configuration with <paramref name="replacements"/> applied (pairs of old and new text).</summary>
    public static string ReducedPipelineWith(params (string Old, string New)[] replacements)
    {
        string text = File.ReadAllText(ReducedPipeline);
        foreach ((string old, string replacement) in replacements)
        {
            if (!text.Contains(old, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The reduced pipeline has no '{old}' to replace.", nameof(replacements));
            }

            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MacroLab.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No MacroLab.sln above {AppContext.BaseDirectory}.");
    }
}
