namespace MacroLab.TestSupport;

/// <summary>Paths in the repository, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the bundled sample data, e.g. <c>Sample("fred_md", "2019-10.csv")</c>.</summary>
    public static string Sample(params string[] parts) => Path.Combine([Root, "samples", "data", .. parts]);

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
