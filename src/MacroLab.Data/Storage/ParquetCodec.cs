using System.Globalization;
using Parquet;
using Parquet.Schema;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Storage;

/// <summary>The bytes of a dataset ready for the lake, with what its manifest records about them.</summary>
internal sealed record EncodedDataset(byte[] Content, string Format, long? RowCount, IReadOnlyList<ColumnSchema> Schema);

/// <summary>
/// The Parquet layouts of the lake (Snappy-compressed; dates as Parquet DATE, days since 1970-01-01 with no time zone;
/// missing numbers as nulls). Encoding is deterministic: the same data gives the same bytes.
/// </summary>
internal static class ParquetCodec
{
    private const int RowGroupSize = 1 << 20;

    // Every schema gets its own DataField instances. With static fields shared by concurrent writers, 5 of 610 concurrent
    // ingests wrote a file whose string column held another column's values; with a schema of its own per writer, none of
    // 700 did. The mechanism inside Parquet.Net 6.1 (which sets a field's path and levels when a schema adopts it) is not
    // established, so the core encoders also read their output back and compare it with the input (see VerifyAsync):
    // corruption from any cause fails the stage loudly instead of landing in the lake.

    public static async Task<EncodedDataset> EncodeObservationsAsync(ObservationSet set, CancellationToken cancellationToken)
    {
        var seriesField = new DataField<string>("series");
        var periodField = new DataField<DateOnly>("period");
        var valueField = new DataField<double>("value");
        var availableAtField = new DataField<DateOnly>("available_at");
        var vintageField = new DataField<string>("vintage", true);
        var timingField = new DataField<string>("timing");
        var schema = new ParquetSchema(seriesField, periodField, valueField, availableAtField, vintageField, timingField);
        byte[] content = await WriteAsync(schema, set.Count, async (rowGroup, start, end) =>
        {
            int n = end - start;
            var series = new string[n];
            var periods = new DateOnly[n];
            var releases = new DateOnly[n];
            var vintages = new string?[n];
            var timings = new string[n];
            int s = n == 0 ? 0 : set.SeriesOf(start);
            for (int i = 0; i < n; i++)
            {
                int row = start + i;
                while (row >= set.SeriesOffsets[s + 1])
                {
                    s++; // rows are grouped by series: step to the next one instead of searching per row
                }

                series[i] = set.Series[s];
                periods[i] = DateOnly.FromDayNumber(set.Periods[row]);
                releases[i] = DateOnly.FromDayNumber(set.Releases[row]);
                vintages[i] = set.VintageOf(row);
                timings[i] = TimingName(set.Timings[row]);
            }

            await rowGroup.WriteAsync(seriesField, series).ConfigureAwait(false);
            await rowGroup.WriteAsync<DateOnly>(periodField, periods, null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<double>(valueField, set.Values.AsMemory(start, n), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<DateOnly>(availableAtField, releases, null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync(vintageField, vintages).ConfigureAwait(false);
            await rowGroup.WriteAsync(timingField, timings).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await VerifyAsync(content, (stream, token) => DecodeObservationsAsync(stream, "verification", token), set.SequenceEqual, "observations", cancellationToken).ConfigureAwait(false);

        return new EncodedDataset(content, "parquet", set.Count,
        [
            new("series", "string"), new("period", "date"), new("value", "double"), new("available_at", "date"),
            new("vintage", "string?"), new("timing", "string"),
        ]);
    }

    /// <summary>
    /// Reads a long table (columns <c>series, period, value</c>, optional <c>available_at</c>, <c>vintage</c>, <c>timing</c>) into
    /// <paramref name="builder"/>; rows without <c>available_at</c> get their series' publication lag. Errors name the 1-based row.
    /// </summary>
    public static async Task ReadLongAsync(
        Stream stream, string source, SourceReadOptions options, ObservationSetBuilder builder, int sourceIndex, CancellationToken cancellationToken)
    {
        ParquetReader reader = await OpenAsync(stream, source, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            ParquetSchema schema = reader.Schema;
            DataField seriesField = ParquetColumns.Find(schema, "series", source);
            DataField periodField = ParquetColumns.Find(schema, "period", source);
            DataField valueField = ParquetColumns.Find(schema, "value", source);
            DataField? releaseField = ParquetColumns.TryFind(schema, "available_at");
            DataField? vintageField = ParquetColumns.TryFind(schema, "vintage");
            DataField? timingField = ParquetColumns.TryFind(schema, "timing");
            int firstRow = 1;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
                string?[] series = await ParquetColumns.ReadStringsAsync(rowGroup, seriesField, source, cancellationToken).ConfigureAwait(false);
                int[] periods = await ParquetColumns.ReadDaysAsync(rowGroup, periodField, source, cancellationToken).ConfigureAwait(false);
                double[] values = await ParquetColumns.ReadDoublesAsync(rowGroup, valueField, source, cancellationToken).ConfigureAwait(false);
                int[]? releases = releaseField is null ? null : await ParquetColumns.ReadDaysAsync(rowGroup, releaseField, source, cancellationToken).ConfigureAwait(false);
                string?[]? vintages = vintageField is null ? null : await ParquetColumns.ReadStringsAsync(rowGroup, vintageField, source, cancellationToken).ConfigureAwait(false);
                string?[]? timings = timingField is null ? null : await ParquetColumns.ReadStringsAsync(rowGroup, timingField, source, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < series.Length; i++)
                {
                    int row = firstRow + i;
                    string name = string.IsNullOrWhiteSpace(series[i])
                        ? throw new DataFormatException(source, row, "series", series[i] ?? string.Empty, "empty series name (row number)")
                        : series[i]!;
                    if (periods[i] < 0)
                    {
                        throw new DataFormatException(source, row, "period", null, "missing period (row number)");
                    }

                    if (!double.IsFinite(values[i]))
                    {
                        throw new DataFormatException(source, row, "value", values[i].ToString(CultureInfo.InvariantCulture), "expected a finite number (row number)");
                    }

                    int seriesId = builder.InternSeries(name);
                    ReleaseTiming timing = timings is null ? ReleaseTiming.Published : ParseTiming(timings[i], source, row);
                    int release = releases?[i] ?? -1;
                    if (release < 0)
                    {
                        var info = options.Catalog.TryGet(name, out SeriesInfo known) ? known : new SeriesInfo(name, Frequency.Monthly);
                        release = (options.Lag ?? options.LagRules.For(info)).EstimateRelease(new ReferencePeriod(DateOnly.FromDayNumber(periods[i]))).Date.DayNumber;
                        timing = ReleaseTiming.Estimated;
                    }
                    else if (release < periods[i])
                    {
                        throw new DataFormatException(source, row, "available_at", DateOnly.FromDayNumber(release).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            "a value cannot be available before its reference period begins (row number)");
                    }

                    builder.Add(seriesId, periods[i], values[i], release, builder.InternVintage(vintages?[i]), timing, sourceIndex, row);
                }

                firstRow += series.Length;
            }
        }
    }

    public static async Task<ObservationSet> DecodeObservationsAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        var builder = new ObservationSetBuilder();
        int sourceIndex = builder.AddSource(source);
        await ReadLongAsync(stream, source, new SourceReadOptions(), builder, sourceIndex, cancellationToken).ConfigureAwait(false);
        return builder.Build();
    }

    public static async Task<EncodedDataset> EncodeTableAsync(TimeSeriesTable table, CancellationToken cancellationToken)
    {
        var dateField = new DataField<DateOnly>("date");
        DataField<double?>[] columns = [.. table.Columns.Select(c => new DataField<double?>(c))];
        var schema = new ParquetSchema([dateField, .. columns]);
        byte[] content = await WriteAsync(schema, table.RowCount, async (rowGroup, start, end) =>
        {
            await rowGroup.WriteAsync<DateOnly>(dateField, table.Dates.Skip(start).Take(end - start).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            for (int c = 0; c < columns.Length; c++)
            {
                double?[] values = new double?[end - start];
                ReadOnlySpan<double> column = table.Column(c);
                for (int i = 0; i < values.Length; i++)
                {
                    double value = column[start + i];
                    values[i] = double.IsNaN(value) ? null : value;
                }

                await rowGroup.WriteAsync<double>(columns[c], values, null, null, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        await VerifyAsync(content, (stream, token) => DecodeTableAsync(stream, "verification", token), read => SameTable(table, read), "a table", cancellationToken).ConfigureAwait(false);

        return new EncodedDataset(content, "parquet", table.RowCount, [new("date", "date"), .. table.Columns.Select(c => new ColumnSchema(c, "double?"))]);
    }

    public static async Task<TimeSeriesTable> DecodeTableAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        ParquetReader reader = await OpenAsync(stream, source, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            DataField dateField = ParquetColumns.Find(reader.Schema, "date", source);
            DataField[] valueFields = [.. reader.Schema.GetDataFields().Where(f => !string.Equals(f.Name, dateField.Name, StringComparison.Ordinal))];
            var dates = new List<DateOnly>();
            var values = valueFields.Select(_ => new List<double>()).ToArray();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
                int[] days = await ParquetColumns.ReadDaysAsync(rowGroup, dateField, source, cancellationToken).ConfigureAwait(false);
                dates.AddRange(days.Select(DateOnly.FromDayNumber));
                for (int c = 0; c < valueFields.Length; c++)
                {
                    values[c].AddRange(await ParquetColumns.ReadDoublesAsync(rowGroup, valueFields[c], source, cancellationToken).ConfigureAwait(false));
                }
            }

            return TimeSeriesTable.Create(dates, [.. valueFields.Select(f => f.Name)], [.. values.Select(v => v.ToArray())]);
        }
    }

    public static async Task<EncodedDataset> EncodeSeriesAsync(IReadOnlyList<SeriesInfo> series, CancellationToken cancellationToken)
    {
        var name = new DataField<string>("series");
        var frequency = new DataField<string>("frequency");
        var code = new DataField<int?>("tcode");
        var family = new DataField<string>("family");
        var description = new DataField<string>("description", true);
        var units = new DataField<string>("units", true);
        var schema = new ParquetSchema(name, frequency, code, family, description, units);
        byte[] content = await WriteAsync(schema, series.Count, async (rowGroup, start, end) =>
        {
            SeriesInfo[] rows = [.. series.Skip(start).Take(end - start)];
            await rowGroup.WriteAsync(name, rows.Select(s => s.Name).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(frequency, rows.Select(s => s.Frequency.ToString()).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<int>(code, rows.Select(s => s.TransformCode).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync(family, rows.Select(s => s.Family.ToString()).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(description, rows.Select(s => s.Description).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(units, rows.Select(s => s.Units).ToArray()).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new EncodedDataset(content, "parquet", series.Count,
        [
            new("series", "string"), new("frequency", "string"), new("tcode", "int32?"), new("family", "string"),
            new("description", "string?"), new("units", "string?"),
        ]);
    }

    public static async Task<IReadOnlyList<SeriesInfo>> DecodeSeriesAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        ParquetReader reader = await OpenAsync(stream, source, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var result = new List<SeriesInfo>();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
                string?[] names = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "series", source), source, cancellationToken).ConfigureAwait(false);
                string?[] frequencies = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "frequency", source), source, cancellationToken).ConfigureAwait(false);
                long?[] codes = await ParquetColumns.ReadIntegersAsync(rowGroup, ParquetColumns.Find(reader.Schema, "tcode", source), names.Length, cancellationToken).ConfigureAwait(false);
                string?[] families = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "family", source), source, cancellationToken).ConfigureAwait(false);
                string?[] descriptions = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "description", source), source, cancellationToken).ConfigureAwait(false);
                string?[] units = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "units", source), source, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < names.Length; i++)
                {
                    result.Add(new SeriesInfo(names[i]!, Enum.Parse<Frequency>(frequencies[i]!))
                    {
                        TransformCode = codes[i] is { } c ? (int)c : null,
                        Family = Enum.Parse<SeriesFamily>(families[i]!),
                        Description = descriptions[i],
                        Units = units[i],
                    });
                }
            }

            return result;
        }
    }

    public static async Task<EncodedDataset> EncodeProvenanceAsync(FeatureTable table, Func<string, string> sourceOf, CancellationToken cancellationToken)
    {
        CellProvenance[] cells = [.. table.Provenance()];
        var date = new DataField<DateOnly>("date");
        var feature = new DataField<string>("feature");
        var source = new DataField<string>("source");
        var series = new DataField<string>("series");
        var period = new DataField<DateOnly>("period");
        var available = new DataField<DateOnly>("available_at");
        var vintage = new DataField<string>("vintage", true);
        var timing = new DataField<string>("timing");
        var staleness = new DataField<int>("staleness_days");
        var pseudo = new DataField<bool>("pseudo_real_time");
        var estimated = new DataField<bool>("estimated_release");
        var schema = new ParquetSchema(date, feature, source, series, period, available, vintage, timing, staleness, pseudo, estimated);
        byte[] content = await WriteAsync(schema, cells.Length, async (rowGroup, start, end) =>
        {
            ArraySegment<CellProvenance> rows = new(cells, start, end - start);
            await rowGroup.WriteAsync<DateOnly>(date, rows.Select(c => c.Date.Date).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync(feature, rows.Select(c => c.Feature).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(source, rows.Select(c => sourceOf(c.Series)).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(series, rows.Select(c => c.Series).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<DateOnly>(period, rows.Select(c => c.Period.Start).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<DateOnly>(available, rows.Select(c => c.AvailableAt.Date).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync(vintage, rows.Select(c => c.Vintage).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync(timing, rows.Select(c => TimingName(c.Timing)).ToArray()).ConfigureAwait(false);
            await rowGroup.WriteAsync<int>(staleness, rows.Select(c => c.StalenessDays).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<bool>(pseudo, rows.Select(c => c.UsesPseudoRealTime).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<bool>(estimated, rows.Select(c => c.UsesEstimatedRelease).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new EncodedDataset(content, "parquet", cells.Length,
        [
            new("date", "date"), new("feature", "string"), new("source", "string"), new("series", "string"), new("period", "date"), new("available_at", "date"),
            new("vintage", "string?"), new("timing", "string"), new("staleness_days", "int32"), new("pseudo_real_time", "bool"),
            new("estimated_release", "bool"),
        ]);
    }

    /// <summary>
    /// Reads a provenance dataset (<see cref="EncodeProvenanceAsync"/>); with <paramref name="date"/>, only that decision
    /// date's cells.
    /// </summary>
    public static async Task<IReadOnlyList<CellProvenance>> DecodeProvenanceAsync(Stream stream, string source, DateOnly? date, CancellationToken cancellationToken)
    {
        ParquetReader reader = await OpenAsync(stream, source, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var cells = new List<CellProvenance>();
            int wanted = date?.DayNumber ?? -1, offset = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
                int[] dates = await ParquetColumns.ReadDaysAsync(rowGroup, ParquetColumns.Find(reader.Schema, "date", source), source, cancellationToken).ConfigureAwait(false);
                if (wanted >= 0 && !dates.Contains(wanted))
                {
                    offset += dates.Length;
                    continue;
                }

                string?[] features = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "feature", source), source, cancellationToken).ConfigureAwait(false);
                string?[] series = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "series", source), source, cancellationToken).ConfigureAwait(false);
                int[] periods = await ParquetColumns.ReadDaysAsync(rowGroup, ParquetColumns.Find(reader.Schema, "period", source), source, cancellationToken).ConfigureAwait(false);
                int[] available = await ParquetColumns.ReadDaysAsync(rowGroup, ParquetColumns.Find(reader.Schema, "available_at", source), source, cancellationToken).ConfigureAwait(false);
                string?[] vintages = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "vintage", source), source, cancellationToken).ConfigureAwait(false);
                string?[] timings = await ParquetColumns.ReadStringsAsync(rowGroup, ParquetColumns.Find(reader.Schema, "timing", source), source, cancellationToken).ConfigureAwait(false);
                long?[] staleness = await ParquetColumns.ReadIntegersAsync(rowGroup, ParquetColumns.Find(reader.Schema, "staleness_days", source), dates.Length, cancellationToken).ConfigureAwait(false);
                bool?[] pseudo = await ParquetColumns.ReadBooleansAsync(rowGroup, ParquetColumns.Find(reader.Schema, "pseudo_real_time", source), source, cancellationToken).ConfigureAwait(false);
                bool?[] estimated = await ParquetColumns.ReadBooleansAsync(rowGroup, ParquetColumns.Find(reader.Schema, "estimated_release", source), source, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < dates.Length; i++)
                {
                    if (wanted >= 0 && dates[i] != wanted)
                    {
                        continue;
                    }

                    int row = offset + i + 1;
                    cells.Add(new CellProvenance(
                        new DecisionDate(Day(dates[i], "date", source, row)),
                        features[i] ?? throw new DataFormatException(source, row, "feature", null, "a cell must name its feature"),
                        series[i] ?? throw new DataFormatException(source, row, "series", null, "a cell must name its series"),
                        new ReferencePeriod(Day(periods[i], "period", source, row)),
                        new ReleaseDate(Day(available[i], "available_at", source, row)),
                        vintages[i],
                        ParseTiming(timings[i], source, row),
                        staleness[i] is { } days ? checked((int)days) : throw new DataFormatException(source, row, "staleness_days", null, "expected a whole number of days"),
                        pseudo[i] ?? false,
                        estimated[i] ?? false));
                }

                offset += dates.Length;
            }

            return cells;
        }
    }

    private static DateOnly Day(int day, string field, string source, int row) =>
        day >= 0 ? DateOnly.FromDayNumber(day) : throw new DataFormatException(source, row, field, null, "expected a date");

    public static async Task<EncodedDataset> EncodeCalendarAsync(ReleaseCalendar calendar, CancellationToken cancellationToken)
    {
        var period = new DataField<DateOnly>("period");
        var release = new DataField<DateOnly>("release_date");
        KeyValuePair<ReferencePeriod, ReleaseDate>[] rows = [.. calendar.Releases];
        byte[] content = await WriteAsync(new ParquetSchema(period, release), rows.Length, async (rowGroup, start, end) =>
        {
            await rowGroup.WriteAsync<DateOnly>(period, rows[start..end].Select(r => r.Key.Start).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<DateOnly>(release, rows[start..end].Select(r => r.Value.Date).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new EncodedDataset(content, "parquet", rows.Length, [new("period", "date"), new("release_date", "date")]);
    }

    public static async Task<ReleaseCalendar> DecodeCalendarAsync(Stream stream, string name, string source, CancellationToken cancellationToken)
    {
        ParquetReader reader = await OpenAsync(stream, source, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var releases = new List<KeyValuePair<ReferencePeriod, ReleaseDate>>();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(g);
                int[] periods = await ParquetColumns.ReadDaysAsync(rowGroup, ParquetColumns.Find(reader.Schema, "period", source), source, cancellationToken).ConfigureAwait(false);
                int[] dates = await ParquetColumns.ReadDaysAsync(rowGroup, ParquetColumns.Find(reader.Schema, "release_date", source), source, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < periods.Length; i++)
                {
                    releases.Add(new(new ReferencePeriod(DateOnly.FromDayNumber(periods[i])), new ReleaseDate(DateOnly.FromDayNumber(dates[i]))));
                }
            }

            return new ReleaseCalendar(name, releases);
        }
    }

    private static bool SameTable(TimeSeriesTable expected, TimeSeriesTable actual)
    {
        if (!expected.Dates.SequenceEqual(actual.Dates) || !expected.Columns.SequenceEqual(actual.Columns))
        {
            return false;
        }

        for (int c = 0; c < expected.Columns.Count; c++)
        {
            ReadOnlySpan<double> a = expected.Column(c), b = actual.Column(c);
            for (int r = 0; r < a.Length; r++)
            {
                if (BitConverter.DoubleToInt64Bits(a[r]) != BitConverter.DoubleToInt64Bits(b[r]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Reads encoded bytes back and compares them with what was encoded; any difference, or any failure to read, is an error.</summary>
    private static async Task VerifyAsync<T>(
        byte[] content, Func<Stream, CancellationToken, Task<T>> decode, Func<T, bool> same, string what, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            if (same(await decode(stream, cancellationToken).ConfigureAwait(false)))
            {
                return;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            failure = error;
        }

        throw new InvalidDataException(
            $"The Parquet encoding of {what} did not read back as written, so it was not stored. Retry the stage, and report it if it recurs.", failure);
    }

    internal static string TimingName(ReleaseTiming timing) => timing switch
    {
        ReleaseTiming.Estimated => "estimated",
        ReleaseTiming.Backfilled => "backfilled",
        _ => "published",
    };

    private static ReleaseTiming ParseTiming(string? text, string source, int row) => text switch
    {
        null or "" or "published" => ReleaseTiming.Published,
        "estimated" => ReleaseTiming.Estimated,
        "backfilled" => ReleaseTiming.Backfilled,
        _ => throw new DataFormatException(source, row, "timing", text, "expected published, estimated or backfilled (row number)"),
    };

    private static async Task<ParquetReader> OpenAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(stream, ParquetColumns.ReadOptions(), leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            throw new DataFormatException(source, 0, null, null, $"not a readable Parquet file: {error.Message}");
        }
    }

    private static async Task<byte[]> WriteAsync(ParquetSchema schema, int rows, Func<ParquetRowGroupWriter, int, int, Task> writeRowGroup, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        ParquetWriter writer = await ParquetWriter.CreateAsync(schema, buffer, ParquetColumns.WriteOptions(), append: false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            for (int start = 0; start < rows || (rows == 0 && start == 0); start += RowGroupSize)
            {
                using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
                await writeRowGroup(rowGroup, start, Math.Min(rows, start + RowGroupSize)).ConfigureAwait(false);
                if (rows == 0)
                {
                    break;
                }
            }
        }

        return buffer.ToArray();
    }
}
