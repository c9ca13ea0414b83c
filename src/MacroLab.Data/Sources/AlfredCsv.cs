using System.Globalization;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>
/// Reads ALFRED's vintage downloads: the long table of observations by real-time period (<see cref="SourceFormat.Alfred"/>)
/// and the wide table of every vintage (<see cref="SourceFormat.AlfredWide"/>).
/// </summary>
internal static class AlfredCsv
{
    private const string LongHeader = "observation_date,<SERIES>,realtime_start_date,realtime_end_date";
    private const string WideHeader = "observation_date,<SERIES>_<yyyyMMdd>,...";

    /// <summary>The long table: one row per value and the real-time period in which it held.</summary>
    public static IReadOnlyList<SeriesInfo> ReadLong(CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(reader.Source, 0, null, null, $"the file is empty: expected the header {LongHeader}");
        }

        CsvFields.RequireCommaSeparated(reader, 2, LongHeader);
        if (reader.FieldCount != 4)
        {
            throw new DataFormatException(reader.Source, reader.Line, null, null, $"expected four columns: {LongHeader}");
        }

        string dateHeader = DateColumn(reader);
        string name = reader.FieldString(1).Trim();
        if (name.Length == 0 || IsRealTimeColumn(name))
        {
            throw new DataFormatException(reader.Source, reader.Line, "2", name, $"the second column must name the series: expected {LongHeader}");
        }

        string startHeader = reader.FieldString(2).Trim(), endHeader = reader.FieldString(3).Trim();
        if (!IsRealTimeColumn(startHeader) || !startHeader.Contains("start", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataFormatException(reader.Source, reader.Line, "3", startHeader, $"expected realtime_start_date: {LongHeader}");
        }

        if (!IsRealTimeColumn(endHeader) || !endHeader.Contains("end", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataFormatException(reader.Source, reader.Line, "4", endHeader, $"expected realtime_end_date: {LongHeader}");
        }

        var rows = new List<(DateOnly Period, double Value, DateOnly Start, int Line)>();
        var periods = new SortedSet<DateOnly>();
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty && reader.AtEnd)
            {
                break;
            }

            CsvFields.RequireFieldCount(reader, 4);
            DateOnly period = CsvFields.ParseIsoDate(reader, 0, dateHeader);
            DateOnly start = CsvFields.ParseIsoDate(reader, 2, startHeader);
            DateOnly end = CsvFields.ParseIsoDate(reader, 3, endHeader);
            if (end < start)
            {
                throw new DataFormatException(reader.Source, reader.Line, endHeader, reader.FieldString(3),
                    $"the real-time period ends before it starts ({start:yyyy-MM-dd})");
            }

            if (IsMissing(reader.Field(1)))
            {
                continue;
            }

            rows.Add((period, CsvFields.ParseNumber(reader, 1, name), start, reader.Line));
            periods.Add(period);
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(reader.Source, 0, null, null, $"no values after the header: {name} has no observation in the file");
        }

        SeriesInfo info = Info(name, [.. periods], options);
        int seriesId = builder.InternSeries(name);
        var realTime = new RealTimeRows(builder, source);
        foreach ((DateOnly period, double value, DateOnly start, int line) in rows)
        {
            realTime.Add(reader.Source, line, dateHeader, seriesId, info.Frequency, period, value, start);
        }

        return [info];
    }

    /// <summary>
    /// The wide table: one column per series and vintage (<c>GDPC1_20091030</c>), each the whole history as that vintage
    /// published it. A value enters when a vintage first shows it or changes it; a vintage that no longer shows a value does
    /// not withdraw it (a value once published stays known until revised).
    /// </summary>
    public static IReadOnlyList<SeriesInfo> ReadWide(CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(reader.Source, 0, null, null, $"the file is empty: expected the header {WideHeader}");
        }

        CsvFields.RequireCommaSeparated(reader, 2, WideHeader);
        string dateHeader = DateColumn(reader);
        int width = reader.FieldCount;
        var columns = new (string Series, DateOnly Vintage, string Header)[width];
        var seen = new Dictionary<(string, DateOnly), int>();
        for (int c = 1; c < width; c++)
        {
            string header = reader.FieldString(c).Trim();
            int cut = header.LastIndexOf('_');
            if (cut <= 0 || !DateOnly.TryParseExact(header.AsSpan(cut + 1), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly vintage))
            {
                throw new DataFormatException(reader.Source, reader.Line, (c + 1).ToString(CultureInfo.InvariantCulture), header,
                    "expected a vintage column <SERIES>_<yyyyMMdd>, e.g. GDPC1_20091030");
            }

            string series = header[..cut];
            if (!seen.TryAdd((series, vintage), c))
            {
                throw new DataFormatException(reader.Source, reader.Line, header, header, "the vintage column appears twice in the header");
            }

            columns[c] = (series, vintage, header);
        }

        if (width < 2)
        {
            throw new DataFormatException(reader.Source, reader.Line, null, null, $"no vintage columns: expected {WideHeader}");
        }

        var values = new List<(DateOnly Period, double?[] Cells, int Line)>();
        DateOnly previous = default;
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty && reader.AtEnd)
            {
                break;
            }

            CsvFields.RequireFieldCount(reader, width);
            DateOnly period = CsvFields.ParseIsoDate(reader, 0, dateHeader);
            if (values.Count > 0 && period <= previous)
            {
                throw new DataFormatException(reader.Source, reader.Line, dateHeader, reader.FieldString(0), period == previous
                    ? "the date repeats the previous row"
                    : $"dates out of order: this row comes after {previous:yyyy-MM-dd}; rows must be in increasing date order");
            }

            previous = period;
            var cells = new double?[width];
            for (int c = 1; c < width; c++)
            {
                cells[c] = IsMissing(reader.Field(c)) ? null : CsvFields.ParseNumber(reader, c, columns[c].Header);
            }

            values.Add((period, cells, reader.Line));
        }

        if (values.Count == 0)
        {
            throw new DataFormatException(reader.Source, 0, null, null, "no data rows after the header");
        }

        var infos = new List<SeriesInfo>();
        var realTime = new RealTimeRows(builder, source);
        foreach (IGrouping<string, int> series in Enumerable.Range(1, width - 1).GroupBy(c => columns[c].Series, StringComparer.Ordinal))
        {
            int[] byVintage = [.. series.OrderBy(c => columns[c].Vintage)];
            DateOnly[] periods = [.. values.Where(v => byVintage.Any(c => v.Cells[c] is not null)).Select(v => v.Period)];
            if (periods.Length == 0)
            {
                throw new DataFormatException(reader.Source, 0, series.Key, null, $"{series.Key} has no value in any vintage");
            }

            SeriesInfo info = Info(series.Key, periods, options);
            int seriesId = builder.InternSeries(series.Key);
            foreach ((DateOnly period, double?[] cells, int line) in values)
            {
                double? known = null;
                foreach (int c in byVintage)
                {
                    if (cells[c] is { } value && (known is null || BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(known.Value)))
                    {
                        realTime.Add(reader.Source, line, columns[c].Header, seriesId, info.Frequency, period, value, columns[c].Vintage);
                        known = value;
                    }
                }
            }

            infos.Add(info);
        }

        return infos;
    }

    private static string DateColumn(CsvRecordReader reader)
    {
        string header = reader.FieldString(0).Trim();
        return header.Equals("observation_date", StringComparison.OrdinalIgnoreCase) || header.Equals("period_start_date", StringComparison.OrdinalIgnoreCase)
            || header.Equals("DATE", StringComparison.OrdinalIgnoreCase)
            ? header
            : throw new DataFormatException(reader.Source, reader.Line, "1", header, "expected the date column 'observation_date' (or 'period_start_date', 'DATE')");
    }

    private static bool IsRealTimeColumn(string header) => header.StartsWith("realtime_", StringComparison.OrdinalIgnoreCase);

    private static bool IsMissing(ReadOnlySpan<char> field)
    {
        field = field.Trim();
        return field.IsEmpty || field.SequenceEqual(".") || field.SequenceEqual("#N/A") || field.Equals("NA", StringComparison.Ordinal);
    }

    private static SeriesInfo Info(string name, IReadOnlyList<DateOnly> periods, SourceReadOptions options)
    {
        options.Catalog.TryGet(name, out SeriesInfo known);
        return known with { Name = name, Frequency = FrequencyInference.Infer(periods) };
    }
}
