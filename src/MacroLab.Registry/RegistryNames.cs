using System.Text.RegularExpressions;

namespace MacroLab.Registry;

/// <summary>The rules for model, alias, tag and artifact names, checked at the registry's edge.</summary>
internal static partial class RegistryNames
{
    public static string Model(string name, string parameter = "name")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameter);
        return ModelPattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"Model name '{name}' is invalid: use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.", parameter);
    }

    public static string Alias(string alias, string parameter = "alias")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias, parameter);
        return AliasPattern().IsMatch(alias)
            ? alias
            : throw new ArgumentException($"Alias '{alias}' is invalid: use 1-64 lower-case letters, digits, '_' or '-', starting with a letter (e.g. champion, challenger).", parameter);
    }

    public static string Artifact(string name, string parameter = "artifactName")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameter);
        return ArtifactPattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"Artifact name '{name}' is invalid: use 1-100 letters, digits, '.', '_' or '-', not starting with '.'.", parameter);
    }

    public static string TagKey(string key, string parameter = "key")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key, parameter);
        return key.Length <= 250 ? key : throw new ArgumentException($"Tag key '{key[..40]}...' is longer than 250 characters.", parameter);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex ArtifactPattern();
}
