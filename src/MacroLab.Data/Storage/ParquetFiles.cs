using MacroLab.Data.Features;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Storage;

/// <summary>
/// Reads and writes MacroLab's tables as standalone Parquet files (the lake's own layouts): Snappy compression, dates as
/// Parquet DATE (days, no time zone), missing numbers as nulls. The same data always gives the same bytes.
/// </summary>
public static class ParquetFiles
{
    /// <summary>Writes a dated table: a <c>date</c> column, then one nullable double column per table column.</summary>
    public static async Task WriteTableAsync(TimeSeriesTable table, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        EncodedDataset encoded = await ParquetCodec.EncodeTableAsync(table, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(encoded.Content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a dated table written by <see cref="WriteTableAsync"/> (or any Parquet file with a <c>date</c> column and numeric columns).</summary>
    /// <exception cref="DataFormatException">The file is not such a table.</exception>
    public static Task<TimeSeriesTable> ReadTableAsync(Stream source, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ParquetCodec.DecodeTableAsync(source, sourceName, cancellationToken);
    }

    /// <summary>Writes observations as a long table: <c>series, period, value, available_at, vintage, timing</c>.</summary>
    public static async Task WriteObservationsAsync(ObservationSet observations, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(destination);
        EncodedDataset encoded = await ParquetCodec.EncodeObservationsAsync(observations, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(encoded.Content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the provenance of every known cell of a feature table, one row per cell.</summary>
    public static async Task WriteProvenanceAsync(FeatureTable table, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        EncodedDataset encoded = await ParquetCodec.EncodeProvenanceAsync(table, _ => string.Empty, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(encoded.Content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a long table (<c>series, period, value</c>, optional <c>available_at</c>, <c>vintage</c>, <c>timing</c>); rows without
    /// <c>available_at</c> get their series' publication lag from <paramref name="options"/>.
    /// </summary>
    /// <exception cref="DataFormatException">A column is missing or a row is invalid (the message names the 1-based row).</exception>
    public static Task<ObservationSet> ReadObservationsAsync(Stream source, string sourceName, SourceReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadObservationsCoreAsync(source, sourceName, options ?? new SourceReadOptions(), cancellationToken);
    }

    private static async Task<ObservationSet> ReadObservationsCoreAsync(Stream source, string sourceName, SourceReadOptions options, CancellationToken cancellationToken)
    {
        var builder = new ObservationSetBuilder();
        await ParquetCodec.ReadLongAsync(source, sourceName, options, builder, builder.AddSource(sourceName), cancellationToken).ConfigureAwait(false);
        return builder.Build();
    }
}
