using System.Globalization;
using MacroLab.Data.Csv;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Sources;

/// <summary>Reads the generic long table (<see cref="SourceFormat.LongCsv"/>).</summary>
internal static class LongCsv
{
    public const string Header = "series,period,value,available_at,vintage";

    private static readonly string[] Columns = ["series", "period", "value", "available_at", "vintage"];

    public static IReadOnlyList<SeriesInfo> Read(CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(reader.Source, 0, null, null, $"the file is empty: expected the header {Header}");
        }

        CsvFields.RequireCommaSeparated(reader, 3, "series,period,value[,available_at][,vintage]");
        int[] at = [-1, -1, -1, -1, -1];
        for (int i = 0; i < reader.FieldCount; i++)
        {
            string name = reader.FieldString(i).Trim();
            int known = Array.FindIndex(Columns, c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known < 0)
            {
                throw new DataFormatException(reader.Source, reader.Line, name, name, $"unknown column: expected {Header}");
            }

            if (at[known] >= 0)
            {
                throw new DataFormatException(reader.Source, reader.Line, name, name, "the column appears twice in the header");
            }

            at[known] = i;
        }

        for (int k = 0; k < 3; k++)
        {
            if (at[k] < 0)
            {
                throw new DataFormatException(reader.Source, reader.Line, Columns[k], null, $"missing column: expected {Header}");
            }
        }

        int width = reader.FieldCount;
        (int seriesAt, int periodAt, int valueAt, int releaseAt, int vintageAt) = (at[0], at[1], at[2], at[3], at[4]);
        var periodsBySeries = new Dictionary<int, List<DateOnly>>();
        var pending = new List<(int Series, DateOnly Period, double Value, int Vintage, int Line)>();
        int rows = 0;
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty && reader.AtEnd)
            {
                break;
            }

            CsvFields.RequireFieldCount(reader, width);
            ReadOnlySpan<char> seriesName = reader.Field(seriesAt).Trim();
            if (seriesName.IsEmpty)
            {
                throw new DataFormatException(reader.Source, reader.Line, "series", string.Empty, "empty series name");
            }

            int seriesId = builder.InternSeries(seriesName.ToString());
            if (!CsvFields.TryParsePeriod(reader.Field(periodAt), out DateOnly period))
            {
                throw new DataFormatException(reader.Source, reader.Line, "period", reader.FieldString(periodAt),
                    "expected an ISO date yyyy-MM-dd or a month yyyy-MM");
            }

            if (reader.Field(valueAt).Trim().IsEmpty)
            {
                throw new DataFormatException(reader.Source, reader.Line, "value", string.Empty, "empty value: leave a missing value out of the table");
            }

            double value = CsvFields.ParseNumber(reader, valueAt, "value");
            string? vintage = vintageAt < 0 || reader.Field(vintageAt).Trim().IsEmpty ? null : reader.FieldString(vintageAt).Trim();
            CheckVintage(reader, vintage, period);
            int vintageId = builder.InternVintage(vintage);
            rows++;

            if (releaseAt >= 0 && !reader.Field(releaseAt).Trim().IsEmpty)
            {
                DateOnly release = CsvFields.ParseIsoDate(reader, releaseAt, "available_at");
                if (release < period)
                {
                    throw new DataFormatException(reader.Source, reader.Line, "available_at", reader.FieldString(releaseAt),
                        $"a value cannot be available before its reference period ({period:yyyy-MM-dd}) begins");
                }

                builder.Add(seriesId, period.DayNumber, value, release.DayNumber, vintageId, ReleaseTiming.Published, source, reader.Line);
            }
            else
            {
                pending.Add((seriesId, period, value, vintageId, reader.Line));
            }

            if (!periodsBySeries.TryGetValue(seriesId, out List<DateOnly>? periods))
            {
                periodsBySeries.Add(seriesId, periods = []);
            }

            periods.Add(period);
        }

        if (rows == 0)
        {
            throw new DataFormatException(reader.Source, 0, null, null, "no data rows after the header");
        }

        var series = new Dictionary<int, SeriesInfo>();
        foreach ((int seriesId, List<DateOnly> periods) in periodsBySeries)
        {
            string name = builder.SeriesName(seriesId);
            periods.Sort();
            options.Catalog.TryGet(name, out SeriesInfo known);
            series[seriesId] = known with { Name = name, Frequency = FrequencyInference.Infer(periods.Distinct().ToList()) };
        }

        // Rows without available_at get their series' publication lag.
        foreach ((int seriesId, DateOnly period, double value, int vintageId, int line) in pending)
        {
            PublicationLagRule lag = options.Lag ?? options.LagRules.For(series[seriesId]);
            ReleaseDate release = lag.EstimateRelease(new ReferencePeriod(period));
            builder.Add(seriesId, period.DayNumber, value, release.Date.DayNumber, vintageId, ReleaseTiming.Estimated, source, line);
        }

        return [.. series.OrderBy(pair => pair.Key).Select(pair => pair.Value)];
    }

    /// <summary>A vintage labelled with a month or a date cannot hold periods that start after it.</summary>
    private static void CheckVintage(CsvRecordReader reader, string? vintage, DateOnly period)
    {
        if (vintage is null)
        {
            return;
        }

        DateOnly until;
        if (CsvFields.TryParseIsoDate(vintage, out DateOnly day))
        {
            until = day;
        }
        else if (CsvFields.TryParseMonth(vintage, out DateOnly month))
        {
            until = month.AddMonths(1).AddDays(-1);
        }
        else
        {
            return;
        }

        if (period > until)
        {
            throw new DataFormatException(reader.Source, reader.Line, "period", period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"the period is in the future of its vintage '{vintage}'");
        }
    }
}
