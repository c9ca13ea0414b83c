namespace MacroLab.TestSupport;

/// <summary>Paths in the repository, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the bundled sample data, e.g. <c>Sample("fred_md", "2019-10.csv")</c>.</summary>
    public static string Sample(params string[] parts) => Path.Combine([Root, "samples", "data", .. parts]);

    /// <summary>
    /// A file of the shared real data beside the repository (<c>../shared/data</c>: every FRED-MD vintage and the RTDSM
    /// workbooks in their published form), e.g. <c>SharedData("fred_md", "vintages")</c>. CI has it; a developer machine may not.
    /// </summary>
    public static string SharedData(params string[] parts) => Path.GetFullPath(Path.Combine([Root, "..", "shared", "data", .. parts]));

    /// <summary>
    /// Every published FRED-MD vintage file in the shared data: the monthly vintages 1999-08 .. 2021-09 and the 2019-10 and
    /// 2023-06 files (what <c>samples/data/fred_md/vintages.csv.gz</c> is packed from).
    /// </summary>
    public static string[] PublishedFredMdVintages() =>
    [
        .. Directory.EnumerateFiles(SharedData("fred_md", "vintages"), "*.csv.gz"),
        SharedData("fred_md", "2019-10.csv"),
        SharedData("fred_md", "2023-06.csv"),
    ];

    /// <summary>
    /// Why a test that needs <c>../shared/data</c> cannot run, or null when it can. Where <c>MACROLAB_REQUIRE_SHARED_DATA=1</c>
    /// (as <c>.ci/run</c> sets) a missing folder is a failure, not a skip.
    /// </summary>
    public static string? SharedDataMissing()
    {
        if (Directory.Exists(SharedData()))
        {
            return null;
        }

        string reason = $"the shared real data is not at {SharedData()}";
        return Environment.GetEnvironmentVariable("MACROLAB_REQUIRE_SHARED_DATA") == "1"
            ? throw new DirectoryNotFoundException(reason + " (MACROLAB_REQUIRE_SHARED_DATA=1)")
            : reason;
    }

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
