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
        if (type == typeof(double) && !field.IsNullable)
        {
            var values = new double[n];
            await rowGroup.ReadAsync<double>(field, values, null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        if (type == typeof(double))
        {
            return Array.ConvertAll(await ReadNullableAsync<double>(rowGroup, field, n, cancellationToken).ConfigureAwait(false), v => v ?? double.NaN);
        }

        if (type == typeof(float))
        {
            return Array.ConvertAll(await ReadNullableAsync<float>(rowGroup, field, n, cancellationToken).ConfigureAwait(false), v => v is { } f ? (double)f : double.NaN);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Array.ConvertAll(await ReadIntegersAsync(rowGroup, field, n, cancellationToken).ConfigureAwait(false), v => v is { } l ? (double)l : double.NaN);
        }

        throw new DataFormatException(source, 0, field.Name, type.Name, "expected a numeric column (double, float or integer)");
    }

    /// <summary>Integers, null for nulls.</summary>
    public static async Task<long?[]> ReadIntegersAsync(ParquetRowGroupReader rowGroup, DataField field, int n, CancellationToken cancellationToken) =>
        field.ClrType == typeof(int)
            ? Array.ConvertAll(await ReadNullableAsync<int>(rowGroup, field, n, cancellationToken).ConfigureAwait(false), v => (long?)v)
            : await ReadNullableAsync<long>(rowGroup, field, n, cancellationToken).ConfigureAwait(false);

    /// <summary>Dates as day numbers (<see cref="DateOnly.DayNumber"/>), -1 for nulls; timestamps must fall on midnight.</summary>
    public static async Task<int[]> ReadDaysAsync(ParquetRowGroupReader rowGroup, DataField field, string source, CancellationToken cancellationToken)
    {
        int n = checked((int)rowGroup.RowCount);
        if (field.ClrType == typeof(DateOnly))
        {
            return Array.ConvertAll(await ReadNullableAsync<DateOnly>(rowGroup, field, n, cancellationToken).ConfigureAwait(false), d => d?.DayNumber ?? -1);
        }

        if (field.ClrType != typeof(DateTime))
        {
            throw new DataFormatException(source, 0, field.Name, field.ClrType.Name, "expected a date column");
        }

        DateTime?[] times = await ReadNullableAsync<DateTime>(rowGroup, field, n, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Booleans, null for nulls.</summary>
    public static async Task<bool?[]> ReadBooleansAsync(ParquetRowGroupReader rowGroup, DataField field, string source, CancellationToken cancellationToken) =>
        field.ClrType == typeof(bool)
            ? await ReadNullableAsync<bool>(rowGroup, field, checked((int)rowGroup.RowCount), cancellationToken).ConfigureAwait(false)
            : throw new DataFormatException(source, 0, field.Name, field.ClrType.Name, "expected a boolean column");

    /// <summary>A column of value type <typeparamref name="T"/>, nullable or not in the file, as nullable values.</summary>
    private static async Task<T?[]> ReadNullableAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int n, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[n];
            await rowGroup.ReadAsync<T>(field, nullable, null, cancellationToken).ConfigureAwait(false);
            return nullable;
        }

        var values = new T[n];
        await rowGroup.ReadAsync<T>(field, values, null, cancellationToken).ConfigureAwait(false);
        return Array.ConvertAll(values, v => (T?)v);
    }

    public static DataField Find(ParquetSchema schema, string name, string source) =>
        TryFind(schema, name) ?? throw new DataFormatException(source, 0, name, null, "missing column in the Parquet file");

    public static DataField? TryFind(ParquetSchema schema, string name) =>
        schema.GetDataFields().FirstOrDefault(field => field.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
