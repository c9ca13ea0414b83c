using System.Globalization;

namespace MacroLab.Registry;

/// <summary>
/// A way to name a version: <c>name</c> (its latest READY version), <c>name:3</c> (version 3) or <c>name@champion</c>
/// (the version an alias points to).
/// </summary>
public sealed record ModelReference
{
    private ModelReference(string model, int? version, string? alias)
    {
        Model = model;
        Version = version;
        Alias = alias;
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>The version number, when the reference names one.</summary>
    public int? Version { get; }

    /// <summary>The alias, when the reference names one.</summary>
    public string? Alias { get; }

    /// <summary>The latest READY version of <paramref name="model"/>.</summary>
    public static ModelReference Latest(string model) => new(RegistryNames.Model(model), null, null);

    /// <summary>Version <paramref name="version"/> of <paramref name="model"/>.</summary>
    public static ModelReference OfVersion(string model, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new(RegistryNames.Model(model), version, null);
    }

    /// <summary>The version that <paramref name="alias"/> of <paramref name="model"/> points to.</summary>
    public static ModelReference OfAlias(string model, string alias) => new(RegistryNames.Model(model), null, RegistryNames.Alias(alias));

    /// <summary>Parses <c>name</c>, <c>name:version</c> or <c>name@alias</c>.</summary>
    /// <exception cref="ArgumentException">The text is none of these (the message shows the accepted forms).</exception>
    public static ModelReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        int at = text.IndexOf('@', StringComparison.Ordinal), colon = text.LastIndexOf(':');
        if (at >= 0)
        {
            return OfAlias(text[..at], text[(at + 1)..]);
        }

        if (colon >= 0)
        {
            string number = text[(colon + 1)..];
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
            {
                throw new ArgumentException($"'{text}': the version after ':' must be a whole number from 1 (forms: name, name:version, name@alias).", nameof(text));
            }

            return OfVersion(text[..colon], version);
        }

        return Latest(text);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Alias is not null ? $"{Model}@{Alias}" : Version is { } version ? string.Create(CultureInfo.InvariantCulture, $"{Model}:{version}") : Model;
}
