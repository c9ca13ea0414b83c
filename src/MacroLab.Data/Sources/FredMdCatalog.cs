using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>
/// The FRED-MD series appendix: each series' description, recommended transform code and group (which sets its
/// publication family). <see cref="Default"/> is the appendix published with the 2023+ vintages, embedded in this
/// package, plus the series of older vintages that it no longer lists.
/// </summary>
public sealed class FredMdCatalog
{
    // Series of pre-2023 vintages that the updated appendix dropped or spells differently (groups as in the 2015 appendix).
    private static readonly (string Name, int TransformCode, int Group, string Description)[] OlderSeries =
    [
        ("AMBSL", 6, 5, "St. Louis Adjusted Monetary Base"),
        ("MZMSL", 6, 5, "MZM Money Stock"),
        ("TWEXMMTH", 5, 6, "Trade Weighted U.S. Dollar Index: Major Currencies"),
        ("VXOCLSx", 1, 8, "VXO"),
        ("S&P: indust", 5, 8, "S&P's Common Stock Price Index: Industrials"),
    ];

    private readonly FrozenDictionary<string, SeriesInfo> _series;

    private FredMdCatalog(FrozenDictionary<string, SeriesInfo> series) => _series = series;

    /// <summary>The appendix embedded in this package (FRED-MD, St. Louis Fed; McCracken and Ng 2016).</summary>
    public static FredMdCatalog Default { get; } = LoadEmbedded();

    /// <summary>The number of series described.</summary>
    public int Count => _series.Count;

    /// <summary>What the appendix says of <paramref name="mnemonic"/> (matched ignoring case, as the appendix spells <c>IPB51222s</c>).</summary>
    public bool TryGet(string mnemonic, out SeriesInfo info)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        if (_series.TryGetValue(mnemonic, out SeriesInfo? found))
        {
            info = found with { Name = mnemonic };
            return true;
        }

        info = new SeriesInfo(mnemonic, Frequency.Monthly);
        return false;
    }

    /// <summary>The publication family of <paramref name="mnemonic"/>, or <see cref="SeriesFamily.Unknown"/>.</summary>
    public SeriesFamily FamilyOf(string mnemonic) => TryGet(mnemonic, out SeriesInfo info) ? info.Family : SeriesFamily.Unknown;

    /// <summary>
    /// Reads an appendix CSV with the columns <c>tcode</c>, <c>fred</c>, <c>description</c> and <c>group</c> (others ignored),
    /// encoded in Windows-1252 as the St. Louis Fed publishes it.
    /// </summary>
    /// <exception cref="DataFormatException">A column is missing or a field does not parse.</exception>
    public static FredMdCatalog Read(ReadOnlySpan<byte> content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        Encoding windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
            ?? throw new InvalidOperationException("The Windows-1252 encoding is not available.");
        var reader = new CsvRecordReader(windows1252.GetString(content), sourceName);
        if (!reader.Read())
        {
            throw new DataFormatException(sourceName, 0, null, null, "the file is empty: expected the header id,tcode,fred,description,gsi,gsi:description,group");
        }

        int tcode = Column(reader, "tcode"), fred = Column(reader, "fred"), description = Column(reader, "description"), group = Column(reader, "group");
        int width = reader.FieldCount;
        var series = new Dictionary<string, SeriesInfo>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty)
            {
                continue;
            }

            CsvFields.RequireFieldCount(reader, width);
            string name = reader.FieldString(fred).Trim();
            int code = ParseInt(reader, tcode, "tcode", 1, 7);
            int family = ParseInt(reader, group, "group", 1, 8);
            series[name] = new SeriesInfo(name, Frequency.Monthly)
            {
                TransformCode = code,
                Family = (SeriesFamily)family,
                Description = reader.FieldString(description).Trim(),
            };
        }

        foreach ((string name, int code, int family, string text) in OlderSeries)
        {
            series.TryAdd(name, new SeriesInfo(name, Frequency.Monthly) { TransformCode = code, Family = (SeriesFamily)family, Description = text });
        }

        return new FredMdCatalog(series.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    private static FredMdCatalog LoadEmbedded()
    {
        using Stream stream = typeof(FredMdCatalog).Assembly.GetManifestResourceStream("MacroLab.Data.FredMdAppendix.csv")
            ?? throw new InvalidOperationException("The embedded FRED-MD appendix is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "FRED-MD_updated_appendix.csv");
    }

    private static int Column(CsvRecordReader reader, string name)
    {
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (reader.Field(i).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new DataFormatException(reader.Source, reader.Line, name, null, "missing column in the appendix header");
    }

    private static int ParseInt(CsvRecordReader reader, int index, string column, int min, int max)
    {
        ReadOnlySpan<char> field = reader.Field(index).Trim();
        if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new DataFormatException(reader.Source, reader.Line, column, field.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"expected an integer from {min} to {max}"));
        }

        return value;
    }
}
