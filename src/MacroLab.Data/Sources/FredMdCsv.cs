using System.Globalization;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>Reads one FRED-MD vintage (<see cref="SourceFormat.FredMd"/>).</summary>
internal static class FredMdCsv
{
    public static (IReadOnlyList<SeriesInfo> Series, Vintage Vintage) Read(
        CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        string stem = VintageFileName.Stem(reader.Source);
        string label = options.Vintage
            ?? (CsvFields.TryParseMonth(stem, out _) ? stem
                : throw new DataFormatException(reader.Source, 0, null, stem,
                    "cannot tell which vintage this is: name the file yyyy-MM.csv or give the vintage (--vintage yyyy-MM)"));
        Vintage vintage = Vintage.FredMd(label, options.ReleasedOn, reader.Source);

        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(reader.Source, 0, null, null, "the file is empty: expected the header sasdate,<series>...");
        }

        CsvFields.RequireCommaSeparated(reader, 2, "sasdate,<series>...");
        if (!reader.Field(0).Trim().Equals("sasdate", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataFormatException(reader.Source, reader.Line, "1", reader.FieldString(0), "expected the first header to be 'sasdate'");
        }

        int width = reader.FieldCount;
        string[] names = new string[width - 1];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 1; j < width; j++)
        {
            string name = reader.FieldString(j).Trim();
            if (name.Length == 0 || !seen.Add(name))
            {
                throw new DataFormatException(reader.Source, reader.Line, (j + 1).ToString(CultureInfo.InvariantCulture), name,
                    name.Length == 0 ? "empty series name in the header" : "the series name repeats an earlier column");
            }

            names[j - 1] = name;
        }

        if (!reader.Read())
        {
            throw new DataFormatException(reader.Source, reader.Line + 1, null, null, "missing the 'Transform:' row of transform codes after the header");
        }

        CsvFields.RequireFieldCount(reader, width);
        if (!reader.Field(0).Trim().Equals("Transform:", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataFormatException(reader.Source, reader.Line, "sasdate", reader.FieldString(0),
                "expected the 'Transform:' row of transform codes as the second line");
        }

        int[] codes = new int[width - 1];
        int[] seriesIds = new int[width - 1];
        for (int j = 1; j < width; j++)
        {
            ReadOnlySpan<char> field = reader.Field(j).Trim();
            if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out codes[j - 1]) || codes[j - 1] is < 1 or > 7)
            {
                throw new DataFormatException(reader.Source, reader.Line, names[j - 1], field.ToString(), "expected a transform code from 1 to 7");
            }

            seriesIds[j - 1] = builder.InternSeries(names[j - 1]);
        }

        int vintageId = builder.InternVintage(vintage.Label);
        int release = vintage.Release.Date.DayNumber;
        DateOnly previous = default;
        int rows = 0, emptyRowLine = 0;
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty)
            {
                emptyRowLine = emptyRowLine == 0 ? reader.Line : emptyRowLine;
                continue;
            }

            if (emptyRowLine != 0)
            {
                throw new DataFormatException(reader.Source, emptyRowLine, null, null, "empty row inside the data: only trailing empty rows are allowed");
            }

            CsvFields.RequireFieldCount(reader, width);
            DateOnly month = ParseSasDate(reader);
            if (rows > 0 && month <= previous)
            {
                throw new DataFormatException(reader.Source, reader.Line, "sasdate", reader.FieldString(0), month == previous
                    ? "the date repeats the previous row"
                    : $"dates out of order: this row comes after {previous:yyyy-MM}; rows must be in increasing date order");
            }

            if (month > vintage.CoversUntil)
            {
                throw new DataFormatException(reader.Source, reader.Line, "sasdate", reader.FieldString(0),
                    $"the date is in the future of vintage {vintage.Label}: a FRED-MD vintage holds only months before its own");
            }

            for (int j = 1; j < width; j++)
            {
                ReadOnlySpan<char> field = reader.Field(j);
                if (field.IsEmpty)
                {
                    continue;
                }

                if (!CsvFields.TryParseNumber(field, out double value))
                {
                    throw new DataFormatException(reader.Source, reader.Line, names[j - 1], field.ToString(), "expected a finite decimal number or an empty field");
                }

                builder.Add(seriesIds[j - 1], month.DayNumber, value, release, vintageId, ReleaseTiming.Published, source, reader.Line);
            }

            previous = month;
            rows++;
        }

        if (rows == 0)
        {
            throw new DataFormatException(reader.Source, 0, null, null, "no data rows after the 'Transform:' row");
        }

        var series = new SeriesInfo[names.Length];
        for (int j = 0; j < names.Length; j++)
        {
            options.Catalog.TryGet(names[j], out SeriesInfo known);
            series[j] = known with { Name = names[j], Frequency = Frequency.Monthly, TransformCode = codes[j] };
        }

        return (series, vintage);
    }

    /// <summary><c>M/D/YYYY</c> as FRED-MD writes it (or ISO), always the first day of the month.</summary>
    private static DateOnly ParseSasDate(CsvRecordReader reader)
    {
        ReadOnlySpan<char> field = reader.Field(0).Trim();
        if ((DateOnly.TryParseExact(field, "M/d/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
             || CsvFields.TryParseIsoDate(field, out date)) && date.Day == 1)
        {
            return date;
        }

        throw new DataFormatException(reader.Source, reader.Line, "sasdate", field.ToString(),
            "expected the first day of a month written M/1/YYYY (e.g. 1/1/1959)");
    }
}
