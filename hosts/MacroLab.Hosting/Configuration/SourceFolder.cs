namespace MacroLab.Hosting.Configuration;

/// <summary>
/// Which folder a run reads its source files from: a host's override (<c>--data</c>) wins, then the configuration's
/// <see cref="DataConfig.Folder"/>, then the host's default (the bundled sample data).
/// </summary>
/// <param name="Override">The folder given on the command line, or null.</param>
/// <param name="Default">The folder used when neither the command line nor the configuration names one.</param>
public sealed record SourceFolder(string? Override, string Default)
{
    /// <summary>The folder <paramref name="config"/>'s sources are read from.</summary>
    public string Resolve(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Path.GetFullPath(Override ?? config.Data.Folder ?? Default);
    }
}
