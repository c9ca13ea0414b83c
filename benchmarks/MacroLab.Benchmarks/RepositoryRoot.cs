namespace MacroLab.Benchmarks;

/// <summary>Finds the repository (the folder holding MacroLab.sln) from the benchmark's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MacroLab.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>A file of the bundled sample data.</summary>
    public static string Sample(params string[] parts) => Path.Combine([Find(), "samples", "data", .. parts]);
}
