using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>Reads a FRED single-series download (<see cref="SourceFormat.FredSeries"/>).</summary>
internal static class FredSeriesCsv
{
    public static (IReadOnlyList<SeriesInfo> Series, Vintage? Vintage) Read(
        CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(reader.Source, 0, null, null, "the file is empty: expected the header DATE,VALUE");
        }

        CsvFields.RequireCommaSeparated(reader, 2, "DATE,VALUE");
        if (reader.FieldCount != 2)
        {
            throw new DataFormatException(reader.Source, reader.Line, null, null, "expected two columns, a date and a value (DATE,VALUE)");
        }

        ReadOnlySpan<char> dateHeader = reader.Field(0).Trim();
        if (!dateHeader.Equals("DATE", StringComparison.OrdinalIgnoreCase) && !dateHeader.Equals("observation_date", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataFormatException(reader.Source, reader.Line, "1", dateHeader.ToString(), "expected the date column 'DATE' or 'observation_date'");
        }

        string valueHeader = reader.FieldString(1).Trim();
        string name = options.SeriesName
            ?? (valueHeader.Equals("VALUE", StringComparison.OrdinalIgnoreCase) || valueHeader.Length == 0
                ? throw new DataFormatException(reader.Source, reader.Line, "2", valueHeader,
                    "the value column does not name the series: give its name (--series <name>)")
                : valueHeader);

        var dates = new List<DateOnly>();
        var values = new List<double>();
        var lines = new List<int>();
        DateOnly previous = default;
        int rows = 0;
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty && reader.AtEnd)
            {
                break;
            }

            CsvFields.RequireFieldCount(reader, 2);
            DateOnly date = CsvFields.ParseIsoDate(reader, 0, dateHeader.ToString());
            if (rows++ > 0 && date <= previous)
            {
                throw new DataFormatException(reader.Source, reader.Line, dateHeader.ToString(), reader.FieldString(0), date == previous
                    ? "the date repeats the previous row"
                    : $"dates out of order: this row comes after {previous:yyyy-MM-dd}; rows must be in increasing date order");
            }

            previous = date;
            ReadOnlySpan<char> field = reader.Field(1).Trim();
            if (field.IsEmpty || field.SequenceEqual("."))
            {
                continue;
            }

            dates.Add(date);
            values.Add(CsvFields.ParseNumber(reader, 1, valueHeader));
            lines.Add(reader.Line);
        }

        if (rows == 0)
        {
            throw new DataFormatException(reader.Source, 0, null, null, "no data rows after the header");
        }

        options.Catalog.TryGet(name, out SeriesInfo known);
        SeriesInfo info = known with { Name = name, Frequency = FrequencyInference.Infer(dates) };
        Vintage? vintage = options.Vintage is null ? null
            : Vintage.Resolve(options.Vintage, options.ReleasedOn, reader.Source, Vintage.EndOfMonth);
        SourceRows.Add(builder, source, info, dates, values, lines, vintage, options, reader.Source);
        return ([info], vintage);
    }
}
