using System.Globalization;
using System.IO.Compression;
using System.Text;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>
/// Every vintage of FRED-MD in one table of changes (<see cref="SourceFormat.FredMdArchive"/>): the columns
/// <c>vintage,series,tcode,period,value</c>, one row per cell that a vintage changed from the one before (a new month, a
/// revision, a rebasing; the first vintage's every cell), sorted by vintage, series (ordinal) and period, values printed
/// so that they parse back to the same double. An empty <c>value</c> records a cell that the vintage no longer has (a series
/// dropped, a history cut short), so the table replays each vintage exactly. gzip-compressed when the name ends in
/// <c>.gz</c>.
/// </summary>
/// <remarks>
/// Reading it gives the same observations as reading the vintage files one by one and keeping what each changed: every
/// value is dated by its vintage's release (<see cref="Vintage.FredMdRelease"/>) and carries the vintage's label. A cell a
/// vintage dropped is not an observation: the value published before stays the latest one known, and features built on it
/// go missing once it is older than their staleness limit.
/// </remarks>
public static class FredMdArchive
{
    /// <summary>The header of the table.</summary>
    public const string Header = "vintage,series,tcode,period,value";

    /// <summary>
    /// Builds the table from FRED-MD vintage files (each named <c>yyyy-MM.csv</c>, or <c>yyyy-MM.csv.gz</c>, by its vintage),
    /// in any order. Deterministic: the same files give the same bytes.
    /// </summary>
    /// <param name="vintages">Each file's name and bytes.</param>
    /// <returns>The table as UTF-8 CSV (not compressed; see <see cref="Compress"/>).</returns>
    /// <exception cref="DataFormatException">A file is malformed, two files hold the same vintage, or a series changes its transform code.</exception>
    public static byte[] Pack(IReadOnlyList<(string FileName, ReadOnlyMemory<byte> Content)> vintages)
    {
        ArgumentNullException.ThrowIfNull(vintages);
        if (vintages.Count == 0)
        {
            throw new ArgumentException("Give at least one FRED-MD vintage file.", nameof(vintages));
        }

        // Parsing dominates; files parse independently, so in parallel (each into its own slot: the result does not depend on
        // it). A malformed file is reported as the reader reported it, the first in the given order when several are.
        var parsed = new SourceData[vintages.Count];
        var failures = new DataFormatException?[vintages.Count];
        Parallel.For(0, vintages.Count, i =>
        {
            try
            {
                parsed[i] = SourceReader.Read(SourceFormat.FredMd, vintages[i].Content.Span, vintages[i].FileName);
            }
            catch (DataFormatException error)
            {
                failures[i] = error;
            }
        });
        if (Array.Find(failures, f => f is not null) is { } failure)
        {
            throw failure;
        }

        var order = Enumerable.Range(0, parsed.Length).OrderBy(i => parsed[i].Vintage, StringComparer.Ordinal).ToArray();
        for (int k = 1; k < order.Length; k++)
        {
            if (parsed[order[k]].Vintage == parsed[order[k - 1]].Vintage)
            {
                throw new DataFormatException(vintages[order[k]].FileName, 0, null, parsed[order[k]].Vintage,
                    $"the vintage repeats {vintages[order[k - 1]].FileName}: give each vintage once");
            }
        }

        var codes = new Dictionary<string, (int Code, string Where)>(StringComparer.Ordinal);
        var text = new StringBuilder(1 << 20);
        text.Append(Header).Append('\n');
        Dictionary<(string Series, int Period), double> previous = [];
        foreach (int i in order)
        {
            SourceData data = parsed[i];
            foreach (SeriesInfo series in data.Series)
            {
                int code = series.TransformCode!.Value;
                if (codes.TryGetValue(series.Name, out (int Code, string Where) known) && known.Code != code)
                {
                    throw new DataFormatException(vintages[i].FileName, 2, series.Name, code.ToString(CultureInfo.InvariantCulture),
                        $"the transform code differs from {known.Code} in {known.Where}; one table holds one code per series");
                }

                codes[series.Name] = (code, vintages[i].FileName);
            }

            var current = new Dictionary<(string Series, int Period), double>(data.Observations.Count);
            ObservationSet set = data.Observations;
            for (int s = 0; s < set.Series.Count; s++)
            {
                for (int row = set.SeriesOffsets[s]; row < set.SeriesOffsets[s + 1]; row++)
                {
                    current[(set.Series[s], set.Periods[row])] = set.Values[row];
                }
            }

            string label = data.Vintage!;
            foreach ((string series, int period) in current.Keys.Concat(previous.Keys.Where(k => !current.ContainsKey(k)))
                .OrderBy(k => k.Series, StringComparer.Ordinal).ThenBy(k => k.Period))
            {
                bool has = current.TryGetValue((series, period), out double value);
                bool had = previous.TryGetValue((series, period), out double before);
                if (has && had && before == value)
                {
                    continue;
                }

                text.Append(label).Append(',').Append(Csv(series)).Append(',').Append(codes[series].Code.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(DateOnly.FromDayNumber(period).ToString("yyyy-MM", CultureInfo.InvariantCulture)).Append(',');
                if (has)
                {
                    text.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }

                text.Append('\n');
            }

            previous = current;
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>gzip-compresses a table (deterministically: the gzip header carries no name and no time).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> table)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(table);
        }

        return output.ToArray();
    }

    /// <summary>Reads the table into observations and the series' catalog entries.</summary>
    internal static IReadOnlyList<SeriesInfo> Read(CsvRecordReader reader, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(reader.Source, 1, null, null, $"the file is empty: expected the header {Header}");
        }

        CsvFields.RequireCommaSeparated(reader, 5, Header);
        string[] header = [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.FieldString(i).Trim())];
        if (!header.SequenceEqual(Header.Split(','), StringComparer.Ordinal))
        {
            throw new DataFormatException(reader.Source, reader.Line, null, string.Join(',', header), $"expected the header {Header}");
        }

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        string? label = null;
        int vintageId = -1, release = 0;
        DateOnly covers = default;
        (string Series, int Period) last = (string.Empty, int.MinValue);
        int rows = 0;
        while (reader.Read())
        {
            if (reader.IsEmptyLine)
            {
                continue;
            }

            CsvFields.RequireFieldCount(reader, 5);
            string vintage = reader.FieldString(0);
            if (!string.Equals(vintage, label, StringComparison.Ordinal))
            {
                if (label is not null && string.CompareOrdinal(vintage, label) < 0)
                {
                    throw new DataFormatException(reader.Source, reader.Line, "vintage", vintage, $"vintages must be in increasing order; this one follows {label}");
                }

                if (!CsvFields.TryParseMonth(vintage, out DateOnly month) || vintage.Length != 7)
                {
                    throw new DataFormatException(reader.Source, reader.Line, "vintage", vintage, "expected a FRED-MD vintage label yyyy-MM");
                }

                Vintage resolved = Vintage.FredMd(vintage, null, reader.Source);
                (label, vintageId, release, covers, last) = (vintage, builder.InternVintage(vintage), resolved.Release.Date.DayNumber, resolved.CoversUntil, (string.Empty, int.MinValue));
            }

            string series = reader.FieldString(1);
            if (series.Length == 0)
            {
                throw new DataFormatException(reader.Source, reader.Line, "series", null, "empty series name");
            }

            ReadOnlySpan<char> codeText = reader.Field(2);
            if (!int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code is < 1 or > 7)
            {
                throw new DataFormatException(reader.Source, reader.Line, "tcode", codeText.ToString(), "expected a transform code from 1 to 7");
            }

            if (codes.TryGetValue(series, out int known) && known != code)
            {
                throw new DataFormatException(reader.Source, reader.Line, "tcode", codeText.ToString(), $"series {series} had transform code {known} on an earlier row");
            }

            if (codes.TryAdd(series, code))
            {
                order.Add(series);
            }

            ReadOnlySpan<char> periodText = reader.Field(3);
            if (!CsvFields.TryParseMonth(periodText, out DateOnly period) || periodText.Length != 7)
            {
                throw new DataFormatException(reader.Source, reader.Line, "period", periodText.ToString(), "expected a month yyyy-MM");
            }

            if (period > covers)
            {
                throw new DataFormatException(reader.Source, reader.Line, "period", periodText.ToString(), $"the month is in the future of vintage {label}");
            }

            int ordinal = string.CompareOrdinal(series, last.Series);
            if (ordinal < 0 || (ordinal == 0 && period.DayNumber <= last.Period))
            {
                throw new DataFormatException(reader.Source, reader.Line, null, $"{series} {periodText}",
                    "within a vintage, rows must be sorted by series (ordinal) then period, each (series, period) once");
            }

            last = (series, period.DayNumber);
            ReadOnlySpan<char> valueText = reader.Field(4);
            rows++;
            if (valueText.IsEmpty)
            {
                continue; // the vintage dropped the cell: the value published before stays the latest known
            }

            if (!CsvFields.TryParseNumber(valueText, out double value))
            {
                throw new DataFormatException(reader.Source, reader.Line, "value", valueText.ToString(), "expected a finite decimal number or an empty field");
            }

            builder.Add(builder.InternSeries(series), period.DayNumber, value, release, vintageId, ReleaseTiming.Published, source, reader.Line);
        }

        if (rows == 0)
        {
            throw new DataFormatException(reader.Source, reader.Line, null, null, "no rows after the header");
        }

        var catalog = new SeriesInfo[order.Count];
        for (int j = 0; j < order.Count; j++)
        {
            options.Catalog.TryGet(order[j], out SeriesInfo info);
            catalog[j] = info with { Name = order[j], Frequency = Frequency.Monthly, TransformCode = codes[order[j]] };
        }

        return catalog;
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
