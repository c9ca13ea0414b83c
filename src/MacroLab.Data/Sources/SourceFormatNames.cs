using System.Collections.Frozen;

namespace MacroLab.Data.Sources;

/// <summary>
/// The short name of each <see cref="SourceFormat"/> (<c>fredmd</c>, <c>fredmd-archive</c>, <c>rtdsm</c>, <c>alfred</c>, <c>alfred-wide</c>,
/// <c>fred-api</c>, <c>fred</c>, <c>famafrench</c>, <c>h15</c>, <c>long</c>): how command lines and configuration files name a format, and the Bronze and Silver folder of its files.
/// </summary>
public static class SourceFormatNames
{
    private static readonly FrozenDictionary<string, SourceFormat> Formats = new Dictionary<string, SourceFormat>(StringComparer.Ordinal)
    {
        ["fredmd"] = SourceFormat.FredMd,
        ["fred"] = SourceFormat.FredSeries,
        ["famafrench"] = SourceFormat.FamaFrench,
        ["h15"] = SourceFormat.H15,
        ["long"] = SourceFormat.LongCsv,
        ["rtdsm"] = SourceFormat.Rtdsm,
        ["fredmd-archive"] = SourceFormat.FredMdArchive,
        ["alfred"] = SourceFormat.Alfred,
        ["alfred-wide"] = SourceFormat.AlfredWide,
        ["fred-api"] = SourceFormat.FredApi,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every name: the dedicated layouts first, the generic long table last.</summary>
    public static IReadOnlyList<string> All { get; } = ["fredmd", "fredmd-archive", "rtdsm", "alfred", "alfred-wide", "fred-api", "fred", "famafrench", "h15", "long"];

    /// <summary>The name of <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a <see cref="SourceFormat"/>.</exception>
    public static string Of(SourceFormat format) =>
        All.FirstOrDefault(name => Formats[name] == format) ?? throw new ArgumentOutOfRangeException(nameof(format), format, "Not a source format.");

    /// <summary>The format named <paramref name="name"/> (ordinal, case-sensitive).</summary>
    /// <exception cref="ArgumentException">No format has that name; the message lists the names.</exception>
    public static SourceFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Formats.TryGetValue(name, out SourceFormat format)
            ? format
            : throw new ArgumentException($"'{name}' is not a source format; the formats are {string.Join(", ", All)}.", nameof(name));
    }
}
