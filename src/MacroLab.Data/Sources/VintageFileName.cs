namespace MacroLab.Data.Sources;

/// <summary>The vintage part of a file name: <c>2023-06</c> for <c>…/2023-06.csv</c> and for <c>…/2023-06.csv.gz</c>.</summary>
internal static class VintageFileName
{
    public static string Stem(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        return Path.GetFileNameWithoutExtension(name);
    }
}
