using System.Reflection;

namespace MacroLab.Data.Storage;

/// <summary>The MacroLab.Data version recorded in manifests and fingerprints.</summary>
internal static class Producer
{
    public static string Version { get; } =
        typeof(Producer).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version ?? "0.0.0";
}
