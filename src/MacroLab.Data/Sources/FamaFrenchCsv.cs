using System.Globalization;
using System.Text.RegularExpressions;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>Reads a Kenneth French Data Library factor file (<see cref="SourceFormat.FamaFrench"/>).</summary>
internal static partial class FamaFrenchCsv
{
    public static (IReadOnlyList<SeriesInfo> Series, Vintage? Vintage) Read(
        CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        string? statedVintage = null;
        string[]? factors = null;
        while (factors is null)
        {
            if (!reader.Read())
            {
                throw new DataFormatException(reader.Source, 0, null, null,
                    "no header row: expected a row whose first cell is empty or 'Date', followed by factor names (e.g. ,Mkt-RF,SMB,HML,RF)");
            }

            if (IsHeader(reader))
            {
                factors = new string[reader.FieldCount - 1];
                for (int j = 1; j < reader.FieldCount; j++)
                {
                    factors[j - 1] = reader.FieldString(j).Trim();
                }

                continue;
            }

            ReadOnlySpan<char> first = reader.Field(0).Trim();
            if (first.Length is 6 or 8 && IsDigits(first))
            {
                throw new DataFormatException(reader.Source, reader.Line, null, first.ToString(), "a data row comes before the header row");
            }

            for (int j = 0; j < reader.FieldCount; j++)
            {
                Match match = CrspVintage().Match(reader.FieldString(j));
                if (match.Success)
                {
                    statedVintage = string.Concat(match.Groups[1].ValueSpan, "-", match.Groups[2].ValueSpan);
                }
            }
        }

        int width = factors.Length + 1;
        int headerLine = reader.Line;
        var periods = new List<DateOnly>();
        var values = new List<double>[factors.Length];
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = [];
        }

        var lines = new List<int>();
        int keyLength = 0;
        while (reader.Read() && !reader.AllFieldsEmpty)
        {
            CsvFields.RequireFieldCount(reader, width);
            ReadOnlySpan<char> key = reader.Field(0).Trim();
            keyLength = keyLength == 0 && key.Length is 6 or 8 ? key.Length : keyLength;
            if (key.Length != keyLength || !IsDigits(key) || !TryParseKey(key, out DateOnly period))
            {
                throw new DataFormatException(reader.Source, reader.Line, "1", key.ToString(), keyLength == 8
                    ? "expected a date key YYYYMMDD like the rows above"
                    : "expected a month key YYYYMM (monthly file) or a date key YYYYMMDD (daily file)");
            }

            if (periods.Count > 0 && period <= periods[^1])
            {
                throw new DataFormatException(reader.Source, reader.Line, "1", key.ToString(), period == periods[^1]
                    ? "the date repeats the previous row"
                    : "dates out of order: rows must be in increasing date order");
            }

            periods.Add(period);
            lines.Add(reader.Line);
            for (int j = 1; j < width; j++)
            {
                values[j - 1].Add(CsvFields.ParseNumber(reader, j, factors[j - 1]) / 100.0);
            }
        }

        if (periods.Count == 0)
        {
            throw new DataFormatException(reader.Source, headerLine + 1, null, null, "no data rows after the header");
        }

        Frequency frequency = keyLength == 6 ? Frequency.Monthly : Frequency.Daily;
        string? label = options.Vintage ?? statedVintage;
        Vintage? vintage = label is null ? null
            : Vintage.Resolve(label, options.ReleasedOn, reader.Source, Vintage.EndOfNextMonth, Vintage.EndOfMonth);
        var series = new SeriesInfo[factors.Length];
        for (int j = 0; j < factors.Length; j++)
        {
            string name = frequency == Frequency.Monthly ? $"FF.{factors[j]}" : $"FF.{factors[j]}.daily";
            series[j] = new SeriesInfo(name, frequency)
            {
                Family = SeriesFamily.StockMarket,
                Units = "decimal return",
                Description = $"Fama/French research factor {factors[j]}",
            };
            SourceRows.Add(builder, source, series[j], periods, values[j], lines, vintage, options, reader.Source);
        }

        return (series, vintage);
    }

    private static bool IsHeader(CsvRecordReader reader)
    {
        if (reader.FieldCount < 2)
        {
            return false;
        }

        ReadOnlySpan<char> first = reader.Field(0).Trim();
        if (!first.IsEmpty && !first.Equals("Date", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (int j = 1; j < reader.FieldCount; j++)
        {
            ReadOnlySpan<char> name = reader.Field(j).Trim();
            if (name.IsEmpty || CsvFields.TryParseNumber(name, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseKey(ReadOnlySpan<char> key, out DateOnly date) => key.Length == 6
        ? DateOnly.TryParseExact(key, "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        : DateOnly.TryParseExact(key, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(Digits);

    [GeneratedRegex(@"using the (\d{4})(\d{2}) CRSP database", RegexOptions.CultureInvariant)]
    private static partial Regex CrspVintage();
}
