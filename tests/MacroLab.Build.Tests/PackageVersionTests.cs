using System.Xml.Linq;

namespace MacroLab.Build.Tests;

/// <summary>
/// The versioning rule of the packages (docs/ARCHITECTURE.md, "Packages and versions"): each package has its own
/// <c>VersionPrefix</c> and <c>PackageShippedVersion</c>, whose public API is <c>PublicAPI.Shipped.txt</c> and whose package
/// is the pack-validation baseline in <c>build/baselines</c>; a change to the public API since then needs a higher version.
/// </summary>
public sealed class PackageVersionTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Packages() => [.. Directory.GetDirectories(Path.Combine(Root, "src"), "MacroLab.*").Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_versions_its_own_public_api(string package)
    {
        string folder = Path.Combine(Root, "src", package);
        XDocument project = XDocument.Load(Path.Combine(folder, $"{package}.csproj"));
        string? Property(string name) => project.Descendants(name).FirstOrDefault()?.Value;
        Version version = Version.Parse(Property("VersionPrefix") ?? throw new InvalidOperationException($"{package} has no VersionPrefix"));
        string[] changes = [.. File.ReadAllLines(Path.Combine(folder, "PublicAPI.Unshipped.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'))];
        if (Property("PackageShippedVersion") is null)
        {
            // A package that never shipped: its whole surface is unshipped, and its first version is a 0.x minor one.
            Assert.DoesNotContain(File.ReadAllLines(Path.Combine(folder, "PublicAPI.Shipped.txt")), l => l.Length > 0 && !l.StartsWith('#'));
            Assert.True(version.Major == 0 && version.Build == 0, $"{package}: a package that never shipped starts at 0.x.0, not {version}");
            return;
        }

        Version shipped = Version.Parse(Property("PackageShippedVersion")!);

        Assert.True(File.Exists(Path.Combine(Root, "build", "baselines", $"{package}.{shipped}.nupkg")), $"{package}: no baseline package for the shipped version {shipped}");
        Assert.True(version >= shipped, $"{package}: version {version} is below the shipped {shipped}");
        Assert.True(Verdict(version, shipped, changes) is null, $"{package}: {Verdict(version, shipped, changes)}");
        Assert.True(Suppressions(folder, changes) is null, $"{package}: {Suppressions(folder, changes)}");
    }

    [Fact]
    public void Suppressed_breaks_must_be_recorded_removals()
    {
        string folder = Directory.CreateTempSubdirectory("macrolab-suppressions-").FullName;
        try
        {
            Assert.Null(Suppressions(folder, []));
            File.WriteAllText(Path.Combine(folder, "CompatibilitySuppressions.xml"), """
                <?xml version="1.0" encoding="utf-8"?>
                <Suppressions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <Suppression><DiagnosticId>CP0001</DiagnosticId><Target>T:MacroLab.Data.Old</Target></Suppression>
                  <Suppression><DiagnosticId>CP0002</DiagnosticId><Target>M:MacroLab.Data.Kept.Gone(System.Int32)</Target></Suppression>
                </Suppressions>
                """);
            Assert.Null(Suppressions(folder, ["*REMOVED*MacroLab.Data.Old", "*REMOVED*MacroLab.Data.Kept.Gone(int x) -> void"]));
            Assert.NotNull(Suppressions(folder, ["*REMOVED*MacroLab.Data.Old"]));
            Assert.NotNull(Suppressions(folder, ["MacroLab.Data.New"]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_rule_asks_for_the_right_bump()
    {
        Version shipped = new(0, 1, 0);
        Assert.Null(Verdict(new(0, 1, 0), shipped, []));
        Assert.Null(Verdict(new(0, 1, 1), shipped, []));
        Assert.NotNull(Verdict(new(0, 1, 0), shipped, ["MacroLab.Data.New"]));
        Assert.NotNull(Verdict(new(0, 1, 1), shipped, ["MacroLab.Data.New"]));
        Assert.Null(Verdict(new(0, 2, 0), shipped, ["MacroLab.Data.New"]));
        Assert.Null(Verdict(new(0, 2, 0), shipped, ["*REMOVED*MacroLab.Data.Old"]));
        Assert.NotNull(Verdict(new(1, 1, 0), new(1, 0, 0), ["*REMOVED*MacroLab.Data.Old"]));
        Assert.Null(Verdict(new(1, 1, 0), new(1, 0, 0), ["MacroLab.Data.New"]));
        Assert.Null(Verdict(new(2, 0, 0), new(1, 0, 0), ["*REMOVED*MacroLab.Data.Old"]));
    }

    /// <summary>
    /// Null when <paramref name="version"/> suits the public API changes since <paramref name="shipped"/>, else why not:
    /// no change allows a patch; additions need a minor bump; removals need a major bump (a minor one before 1.0, as
    /// SemVer allows).
    /// </summary>
    private static string? Verdict(Version version, Version shipped, string[] changes)
    {
        bool removals = changes.Any(c => c.StartsWith("*REMOVED*", StringComparison.Ordinal));
        bool major = version.Major > shipped.Major, minor = major || (version.Major == shipped.Major && version.Minor > shipped.Minor);
        if (removals && shipped.Major >= 1 && !major)
        {
            return $"the public API lost {changes.Count(c => c.StartsWith("*REMOVED*", StringComparison.Ordinal))} symbols since {shipped}: that needs version {shipped.Major + 1}.0.0, not {version}";
        }

        return changes.Length > 0 && !minor
            ? $"the public API changed since {shipped} ({changes.Length} entries in PublicAPI.Unshipped.txt): that needs version {shipped.Major}.{shipped.Minor + 1}.0 or above, not {version}"
            : null;
    }

    /// <summary>
    /// Null when every break that pack validation is told to accept (<c>CompatibilitySuppressions.xml</c>, written by
    /// <c>dotnet pack -p:ApiCompatGenerateSuppressionFile=true</c>) is a removal recorded in <c>PublicAPI.Unshipped.txt</c>,
    /// which <see cref="Verdict"/> prices; else the first that is not. A suppression can then never hide an unversioned break.
    /// </summary>
    private static string? Suppressions(string folder, string[] changes)
    {
        string file = Path.Combine(folder, "CompatibilitySuppressions.xml");
        if (!File.Exists(file))
        {
            return null;
        }

        string[] removed = [.. changes.Where(c => c.StartsWith("*REMOVED*", StringComparison.Ordinal))];
        foreach (string target in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "Target").Select(e => e.Value))
        {
            // T:Namespace.Type, or M:/P:/F:/E:Namespace.Type.Member(arguments): the symbol's name without its arguments.
            string symbol = target[(target.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('(')[0].Replace("#ctor", "", StringComparison.Ordinal).TrimEnd('.');
            if (!removed.Any(r => r.Contains(symbol, StringComparison.Ordinal)))
            {
                return $"CompatibilitySuppressions.xml accepts a break of {target}, which PublicAPI.Unshipped.txt does not record as *REMOVED*";
            }
        }

        return null;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MacroLab.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MacroLab.sln above {AppContext.BaseDirectory}.");
    }
}
