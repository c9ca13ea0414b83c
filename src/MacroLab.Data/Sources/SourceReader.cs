using System.Text;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>
/// Reads raw source files into observations with release dates. Strict: anything malformed raises a
/// <see cref="DataFormatException"/> naming the file, line, column and text, and nothing is returned.
/// </summary>
public static class SourceReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads <paramref name="content"/>, the bytes of a file in layout <paramref name="format"/>; gzip-compressed content
    /// (recognised by its magic bytes) is decompressed first.
    /// </summary>
    /// <param name="format">The file layout.</param>
    /// <param name="content">The raw bytes: UTF-8 (ASCII) text, an .xlsx workbook for <see cref="SourceFormat.Rtdsm"/>, or either gzip-compressed.</param>
    /// <param name="sourceName">The file name, used in messages and, for FRED-MD, to tell the vintage.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <exception cref="DataFormatException">The content is malformed.</exception>
    public static SourceData Read(SourceFormat format, ReadOnlySpan<byte> content, string sourceName, SourceReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        byte[]? inflated = Gzip.IsCompressed(content) ? Gzip.Decompress(content, sourceName) : null;
        ReadOnlySpan<byte> bytes = inflated ?? content;
        var builder = new ObservationSetBuilder(Math.Max(1024, bytes.Length / 8));
        int source = builder.AddSource(sourceName);
        if (format == SourceFormat.FredApi)
        {
            IReadOnlyList<SeriesInfo> fetched = FredApiJson.Read([(sourceName, (ReadOnlyMemory<byte>)(inflated ?? bytes.ToArray()))], builder, source, options ?? new SourceReadOptions());
            return new SourceData(format, sourceName, builder.Build(), fetched, null, null);
        }

        if (format == SourceFormat.Rtdsm)
        {
            IReadOnlyList<SeriesInfo> variables = RtdsmWorkbook.Read(inflated ?? bytes.ToArray(), sourceName, builder, source);
            return new SourceData(format, sourceName, builder.Build(), variables, null, null);
        }

        (IReadOnlyList<SeriesInfo> series, Vintage? vintage) = ReadInto(format, Decode(bytes, sourceName), sourceName, options ?? new SourceReadOptions(), builder, source);
        return new SourceData(format, sourceName, builder.Build(), series, vintage?.Label, vintage?.Release);
    }

    /// <summary>
    /// Reads the responses of one request sequence in layout <paramref name="format"/> as one source: the FRED API's
    /// <c>fred/series</c> response and its pages of <c>fred/series/observations</c> (<see cref="SourceFormat.FredApi"/>).
    /// Messages name the response by its origin (the request, without its key).
    /// </summary>
    /// <param name="format">The layout; only <see cref="SourceFormat.FredApi"/> comes in several responses.</param>
    /// <param name="responses">The responses in request order; the source is named by the first one's request.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <exception cref="DataFormatException">A response is malformed, or they disagree.</exception>
    /// <exception cref="ArgumentException"><paramref name="format"/> is read from one file, or there is no response.</exception>
    public static SourceData ReadResponses(SourceFormat format, IReadOnlyList<SourceResponse> responses, SourceReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (format != SourceFormat.FredApi)
        {
            throw new ArgumentException($"{SourceFormatNames.Of(format)} is read from one file, not from several responses.", nameof(format));
        }

        if (responses.Count == 0)
        {
            throw new ArgumentException("There is no response to read.", nameof(responses));
        }

        var builder = new ObservationSetBuilder();
        string sourceName = responses[0].Request;
        int source = builder.AddSource(sourceName);
        IReadOnlyList<SeriesInfo> series = FredApiJson.Read([.. responses.Select(r => (r.Request, r.Content))], builder, source, options ?? new SourceReadOptions());
        return new SourceData(format, sourceName, builder.Build(), series, null, null);
    }

    /// <summary>Reads the file at <paramref name="path"/>; messages name it by its path.</summary>
    /// <exception cref="DataFormatException">The content is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<SourceData> ReadFileAsync(SourceFormat format, string path, SourceReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(format, content, path, options);
    }

    /// <summary>
    /// Reads several long tables (<see cref="SourceFormat.LongCsv"/> files, or Parquet files with the same columns when the
    /// path ends in <c>.parquet</c>) into one set. A (series, period, available_at) that appears twice, within a file or
    /// across files, is an error naming both places.
    /// </summary>
    /// <exception cref="DataFormatException">A file is malformed or two rows clash.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static async Task<ObservationSet> ReadLongTablesAsync(IReadOnlyList<string> paths, SourceReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new SourceReadOptions();
        var builder = new ObservationSetBuilder();
        foreach (string path in paths)
        {
            int source = builder.AddSource(path);
            byte[] content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (Gzip.IsCompressed(content))
            {
                content = Gzip.Decompress(content, path);
            }

            if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = new MemoryStream(content, writable: false);
                await Storage.ParquetCodec.ReadLongAsync(stream, path, options, builder, source, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                ReadInto(SourceFormat.LongCsv, Decode(content, path), path, options, builder, source);
            }
        }

        return builder.Build();
    }

    internal static (IReadOnlyList<SeriesInfo> Series, Vintage? Vintage) ReadInto(
        SourceFormat format, string text, string sourceName, SourceReadOptions options, ObservationSetBuilder builder, int source)
    {
        var reader = new CsvRecordReader(text, sourceName);
        return format switch
        {
            SourceFormat.FredMd => FredMdCsv.Read(reader, builder, source, options),
            SourceFormat.FredSeries => FredSeriesCsv.Read(reader, builder, source, options),
            SourceFormat.FamaFrench => FamaFrenchCsv.Read(reader, builder, source, options),
            SourceFormat.LongCsv => (LongCsv.Read(reader, builder, source, options), null),
            SourceFormat.H15 => (H15Csv.Read(reader, builder, source, options), null),
            SourceFormat.FredMdArchive => (FredMdArchive.Read(reader, builder, source, options), null),
            SourceFormat.Alfred => (AlfredCsv.ReadLong(reader, builder, source, options), null),
            SourceFormat.AlfredWide => (AlfredCsv.ReadWide(reader, builder, source, options), null),
            SourceFormat.FredApi => throw new DataFormatException(sourceName, 0, null, null, "a FRED API response is JSON, read as a whole"),
            SourceFormat.Rtdsm => throw new DataFormatException(sourceName, 0, null, null, "an RTDSM workbook is an .xlsx file, not text"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown source format."),
        };
    }

    /// <summary>Decodes strict UTF-8, naming the line of the first invalid byte.</summary>
    internal static string Decode(ReadOnlySpan<byte> content, string sourceName)
    {
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException error)
        {
            int valid = Math.Max(0, error.Index);
            int line = 1 + content[..Math.Min(valid, content.Length)].Count((byte)'\n');
            throw new DataFormatException(sourceName, line, null, null, "the file is not UTF-8 text (convert it, e.g. from Windows-1252)");
        }
    }
}
