using System.Reflection;

namespace MacroLab.Hosting;

/// <summary>
/// What built the running code: the git commit and whether the working tree had uncommitted changes (stamped at build
/// time by <c>build/GitInfo.targets</c>), and the versions of the MacroLab packages and the libraries whose numbers a model
/// depends on. Recorded in every registered version's lineage.
/// </summary>
/// <param name="GitCommit">The commit, or null when built outside a git checkout without MACROLAB_GIT_COMMIT.</param>
/// <param name="GitDirty">Whether tracked files had uncommitted changes, or null when unknown.</param>
/// <param name="Packages">Package versions by name.</param>
public sealed record BuildInfo(string? GitCommit, bool? GitDirty, IReadOnlyDictionary<string, string> Packages)
{
    /// <summary>The running build's identity.</summary>
    public static BuildInfo Current { get; } = Read();

    private static BuildInfo Read()
    {
        Assembly self = typeof(BuildInfo).Assembly;
        string? Metadata(string key) => self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
        string? commit = Metadata("MacroLab.GitCommit") is { } c && c != "unknown" ? c : null;
        bool? dirty = Metadata("MacroLab.GitDirty") switch { "true" => true, "false" => false, _ => null };
        var packages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Type type in (Type[])[
            typeof(Data.Storage.Lake), typeof(Causal.MetaLearners.XLearner), typeof(Backtest.WalkForwardBacktest), typeof(Models.TiltModel),
            typeof(Registry.ModelRegistry), typeof(TorchSharp.torch), typeof(Microsoft.ML.OnnxRuntime.InferenceSession), typeof(MathNet.Numerics.Control)])
        {
            AssemblyName name = type.Assembly.GetName();
            string? informational = type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            string version = informational is null ? name.Version?.ToString() ?? "unknown" : informational.Split('+')[0];
            packages[name.Name ?? type.Name] = version;
        }

        return new BuildInfo(commit, dirty, packages);
    }
}
