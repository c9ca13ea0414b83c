using Parquet;
using Parquet.Schema;

namespace MacroLab.Data.Storage;

/// <summary>Reads Parquet columns into plain arrays whatever their physical type, so files from other tools load too.</summary>
internal static class ParquetColumns
{
    public static ParquetOptions ReadOptions() => new() { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };

    public static ParquetOptions WriteOptions() => new()
    {
        CompressionMethod = CompressionMethod.Snappy,
        CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
        UseDateOnlyTypeForDates = true,
    };

    /// <summary>Numbers as doubles, NaN for nulls.</summary>
    public static async Task<double[]> ReadDoublesAsync(ParquetRowGroupReader rowGroup, DataField field, string source, CancellationToken cancellationToken)
    {
        int n = checked((int)rowGroup.RowCount);
        Type type = field.ClrType;
        if (type == typeof(double))
        {
            if (!field.IsNullable)
            {
                var values = new double[n];
                await rowGroup.ReadAsync<double>(field, values, null, cancellationToken).ConfigureAwait(false);
                return values;
            }

            var nullable = new double?[n];
            await rowGroup.ReadAsync<double>(field, nullable, null, cancellationToken).ConfigureAwait(false);
            return Array.ConvertAll(nullable, v => v ?? double.NaN);
        }

        if (type == typeof(float))
        {
            var nullable = new float?[n];
            if (field.IsNullable)
            {
                await rowGroup.ReadAsync<float>(field, nullable, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var values = new float[n];
                await rowGroup.ReadAsync<float>(field, values, null, cancellationToken).ConfigureAwait(false);
                nullable = Array.ConvertAll(values, v => (float?)v);
            }

            return Array.ConvertAll(nullable, v => v is { } f ? (double)f : double.NaN);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            long?[] longs = await ReadIntegersAsync(rowGroup, field, n, cancellationToken).ConfigureAwait(false);
            return Array.ConvertAll(longs, v => v is { } l ? (double)l : double.NaN);
        }

        throw new DataFormatException(source, 0, field.Name, type.Name, "expected a numeric column (double, float or integer)");
    }

    /// <summary>Integers, null for nulls.</summary>
    public static async Task<long?[]> ReadIntegersAsync(ParquetRowGroupReader rowGroup, DataField field, int n, CancellationToken cancellationToken)
    {
        if (field.ClrType == typeof(int))
        {
            var ints = new int?[n];
            if (field.IsNullable)
            {
                await rowGroup.ReadAsync<int>(field, ints, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var values = new int[n];
                await rowGroup.ReadAsync<int>(field, values, null, cancellationToken).ConfigureAwait(false);
                ints = Array.ConvertAll(values, v => (int?)v);
            }

            return Array.ConvertAll(ints, v => (long?)v);
        }

        var longs = new long?[n];
        if (field.IsNullable)
        {
            await rowGroup.ReadAsync<long>(field, longs, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var values = new long[n];
            await rowGroup.ReadAsync<long>(field, values, null, cancellationToken).ConfigureAwait(false);
            longs = Array.ConvertAll(values, v => (long?)v);
        }

        return longs;
    }

    /// <summary>Dates as day numbers (<see cref="DateOnly.DayNumber"/>), -1 for nulls; timestamps must fall on midnight.</summary>
    public static async Task<int[]> ReadDaysAsync(ParquetRowGroupReader rowGroup, DataField field, string source, CancellationToken cancellationToken)
    {
        int n = checked((int)rowGroup.RowCount);
        if (field.ClrType == typeof(DateOnly))
        {
            var dates = new DateOnly?[n];
            if (field.IsNullable)
            {
                await rowGroup.ReadAsync<DateOnly>(field, dates, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var values = new DateOnly[n];
                await rowGroup.ReadAsync<DateOnly>(field, values, null, cancellationToken).ConfigureAwait(false);
                return Array.ConvertAll(values, d => d.DayNumber);
            }

            return Array.ConvertAll(dates, d => d?.DayNumber ?? -1);
        }

        if (field.ClrType == typeof(DateTime))
        {
            var times = new DateTime?[n];
            if (field.IsNullable)
            {
                await rowGroup.ReadAsync<DateTime>(field, times, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var values = new DateTime[n];
                await rowGroup.ReadAsync<DateTime>(field, values, null, cancellationToken).ConfigureAwait(false);
                times = Array.ConvertAll(values, t => (DateTime?)t);
            }

            var days = new int[n];
            for (int i = 0; i < n; i++)
            {
                if (times[i] is not { } time)
                {
                    days[i] = -1;
                    continue;
                }

                if (time.TimeOfDay != TimeSpan.Zero)
                {
                    throw new DataFormatException(source, 0, field.Name, time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                        "expected dates (a timestamp at midnight); MacroLab works in days");
                }

                days[i] = DateOnly.FromDateTime(time).DayNumber;
            }

            return days;
        }

        throw new DataFormatException(source, 0, field.Name, field.ClrType.Name, "expected a date column");
    }

    public static async Task<string?[]> ReadStringsAsync(ParquetRowGroupReader rowGroup, DataField field, string source, CancellationToken cancellationToken)
    {
        if (field.ClrType != typeof(string) && field.ClrType != typeof(ReadOnlyMemory<char>))
        {
            throw new DataFormatException(source, 0, field.Name, field.ClrType.Name, "expected a text column");
        }

        var values = new string?[checked((int)rowGroup.RowCount)];
        await rowGroup.ReadAsync(field, values, null, cancellationToken).ConfigureAwait(false);
        return values;
    }

    public static DataField Find(ParquetSchema schema, string name, string source) =>
        TryFind(schema, name) ?? throw new DataFormatException(source, 0, name, null, "missing column in the Parquet file");

    public static DataField? TryFind(ParquetSchema schema, string name) =>
        schema.GetDataFields().FirstOrDefault(field => field.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
