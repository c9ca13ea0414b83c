using System.Security.Cryptography;
using System.Text;

namespace MacroLab.Data.Storage;

/// <summary>
/// Dataset keys that follow what a dataset is computed from: a derived dataset is written to
/// <c>&lt;kind&gt;/&lt;name&gt;@&lt;variant&gt;</c>, where the variant digests its definition (the stage, the stage's options and the
/// keys of the datasets it reads), not its inputs' content. Two configurations that give a dataset the same name but define it
/// differently therefore write side by side instead of overwriting each other, and the same definition on newer data
/// replaces its own dataset.
/// </summary>
public static class DatasetVariant
{
    /// <summary>The character between a dataset's name and its variant.</summary>
    public const char Separator = '@';

    /// <summary>The length of a variant: 12 hex digits (48 bits) of the definition's SHA-256.</summary>
    public const int Length = 12;

    /// <summary>The variant of a definition: the first <see cref="Length"/> hex digits of the SHA-256 of its sorted entries.</summary>
    /// <param name="stage">The stage that computes the dataset.</param>
    /// <param name="definition">What the dataset is computed from, e.g. <c>covariates = regime.growth,...</c>; keys are unique.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Of(string stage, IEnumerable<KeyValuePair<string, string>> definition)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder("stage=").Append(stage).Append('\n');
        foreach ((string key, string value) in definition.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value.ReplaceLineEndings("\\n")).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..Length];
    }

    /// <summary>The key of the variant <paramref name="variant"/> of the dataset <paramref name="dataset"/> (a key without a variant).</summary>
    /// <exception cref="ArgumentException"><paramref name="dataset"/> already names a variant.</exception>
    public static string Key(string dataset, string variant)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrEmpty(variant);
        if (HasVariant(dataset))
        {
            throw new ArgumentException($"'{dataset}' already names a variant.", nameof(dataset));
        }

        return dataset + Separator + variant;
    }

    /// <summary>Whether the last segment of <paramref name="dataset"/> names a variant (<c>name@variant</c>).</summary>
    internal static bool HasVariant(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset[(dataset.LastIndexOf('/') + 1)..].Contains(Separator, StringComparison.Ordinal);
    }
}
