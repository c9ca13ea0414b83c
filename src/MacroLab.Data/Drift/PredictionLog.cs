using System.Globalization;
using MacroLab.Data.Storage;
using Parquet;
using Parquet.Schema;

namespace MacroLab.Data.Drift;

/// <summary>
/// The lake's prediction log: append-only Parquet objects under <c>logs/predictions/&lt;model&gt;/v&lt;version&gt;/&lt;yyyy-MM-dd&gt;/</c>,
/// one per flushed batch, each written with one atomic put so a reader never sees half a batch.
/// </summary>
/// <remarks>
/// Columns: <c>logged_at</c> (Unix milliseconds, UTC), <c>request_id</c>, <c>role</c>, <c>version</c>, then one float column per
/// input (<c>in:&lt;feature&gt;</c>) and per output (<c>out:&lt;asset&gt;</c>). For a model with a lookback window the inputs logged are
/// those of the newest decision date of the window, the same per-date layout as the drift reference.
/// </remarks>
public static class PredictionLog
{
    /// <summary>The role of rows whose outputs the client received.</summary>
    public const string ServedRole = "served";

    /// <summary>The role of rows scored by a shadow model and never returned.</summary>
    public const string ShadowRole = "shadow";

    /// <summary>The prefix of every prediction log object.</summary>
    public const string Root = "logs/predictions";

    private const string InputPrefix = "in:", OutputPrefix = "out:";

    /// <summary>The folder of one model's log.</summary>
    public static string ModelPrefix(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ObjectKeys.Validate($"{Root}/{model}", nameof(model));
        return $"{Root}/{model}/";
    }

    /// <summary>The object key of a batch whose first row was logged at <paramref name="first"/>, by writer <paramref name="writer"/> (e.g. a host and process id) with a per-writer sequence number.</summary>
    /// <exception cref="ArgumentException">The model or writer name is not a valid key part.</exception>
    public static string Key(string model, int version, DateTimeOffset first, string writer, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(writer);
        DateTimeOffset utc = first.ToUniversalTime();
        string key = string.Create(CultureInfo.InvariantCulture,
            $"{ModelPrefix(model)}v{version}/{utc:yyyy-MM-dd}/{utc:yyyyMMdd'T'HHmmssfff'Z'}-{writer}-{sequence:D8}.parquet");
        ObjectKeys.Validate(key, nameof(writer));
        return key;
    }

    /// <summary>Encodes a batch as Parquet.</summary>
    /// <exception cref="ArgumentException">The batch is empty or its arrays disagree with its row count and column names.</exception>
    internal static async Task<byte[]> EncodeAsync(PredictionLogBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int rows = batch.RowCount, features = batch.FeatureNames.Count, assets = batch.Assets.Count;
        if (rows == 0)
        {
            throw new ArgumentException("The batch has no rows.", nameof(batch));
        }

        if (batch.RequestIds.Count != rows || batch.Roles.Count != rows || batch.Inputs.Length != rows * features || batch.Outputs.Length != rows * assets)
        {
            throw new ArgumentException(
                $"The batch has {rows} times, {batch.RequestIds.Count} request ids, {batch.Roles.Count} roles, {batch.Inputs.Length} inputs and {batch.Outputs.Length} outputs; " +
                $"{rows} rows of {features} features and {assets} assets need {rows * features} inputs and {rows * assets} outputs.", nameof(batch));
        }

        long[] loggedAt = [.. batch.LoggedAt.Select(t => t.ToUnixTimeMilliseconds())];
        string[] requestIds = [.. batch.RequestIds];
        string[] roles = [.. batch.Roles];
        float[][] inputs = Transpose(batch.Inputs, rows, features), outputs = Transpose(batch.Outputs, rows, assets);

        var time = new DataField<long>("logged_at");
        var request = new DataField<string>("request_id");
        var role = new DataField<string>("role");
        var version = new DataField<int>("version");
        DataField<float>[] inputFields = [.. batch.FeatureNames.Select(f => new DataField<float>(InputPrefix + f))];
        DataField<float>[] outputFields = [.. batch.Assets.Select(a => new DataField<float>(OutputPrefix + a))];
        var schema = new ParquetSchema([time, request, role, version, .. inputFields, .. outputFields]);
        using var buffer = new MemoryStream();
        ParquetWriter writer = await ParquetWriter.CreateAsync(schema, buffer, ParquetColumns.WriteOptions(), append: false, cancellationToken).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string> { ["macrolab.model"] = batch.Model, ["macrolab.format"] = "prediction-log/1" };
        await using (writer.ConfigureAwait(false))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<long>(time, loggedAt, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(request, requestIds).ConfigureAwait(false);
            await group.WriteAsync(role, roles).ConfigureAwait(false);
            await group.WriteAsync<int>(version, Enumerable.Repeat(batch.Version, rows).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (int c = 0; c < features; c++)
            {
                await group.WriteAsync<float>(inputFields[c], inputs[c], cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            for (int c = 0; c < assets; c++)
            {
                await group.WriteAsync<float>(outputFields[c], outputs[c], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a batch to <paramref name="store"/> with one atomic put, never replacing an object; returns its key.</summary>
    /// <exception cref="ArgumentException">As <see cref="EncodeAsync"/>.</exception>
    public static async Task<string> WriteAsync(IObjectStore store, PredictionLogBatch batch, string writer, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.RowCount == 0)
        {
            throw new ArgumentException("The batch has no rows.", nameof(batch));
        }

        string key = Key(batch.Model, batch.Version, batch.LoggedAt[0], writer, sequence);
        byte[] bytes = await EncodeAsync(batch, cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(bytes, writable: false);
        await store.PutAsync(key, content, ObjectWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>
    /// Reads a model's logged predictions, rows in time order (ties by object and row). At most
    /// <see cref="PredictionLogQuery.MaxRows"/> rows are kept, the newest ones: objects are read newest first until enough.
    /// </summary>
    /// <exception cref="DataFormatException">An object is not a prediction log (the message names its key and column).</exception>
    public static async Task<PredictionLogTable> ReadAsync(IObjectStore store, string model, PredictionLogQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        query ??= new PredictionLogQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(query.MaxRows, 1, nameof(query));
        string prefix = ModelPrefix(model) + (query.Version is { } v ? string.Create(CultureInfo.InvariantCulture, $"v{v}/") : string.Empty);
        var keys = new List<string>();
        await foreach (ObjectInfo info in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (info.Key.EndsWith(".parquet", StringComparison.Ordinal) && InRange(info.Key, query))
            {
                keys.Add(info.Key);
            }
        }

        // Object names start with their first row's time: newest first, so a capped read keeps the latest rows.
        keys.Sort((x, y) => string.CompareOrdinal(y[(y.LastIndexOf('/') + 1)..], x[(x.LastIndexOf('/') + 1)..]) is var byName and not 0 ? byName : string.CompareOrdinal(y, x));
        var chunks = new List<Chunk>();
        long rows = 0;
        foreach (string key in keys)
        {
            if (rows >= query.MaxRows)
            {
                break;
            }

            Stream stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                copy.Position = 0;
                foreach (Chunk chunk in await ReadObjectAsync(copy, key, query, cancellationToken).ConfigureAwait(false))
                {
                    chunks.Add(chunk);
                    rows += chunk.Times.Length;
                }
            }
        }

        chunks.Reverse(); // oldest object first, so equal times keep their order
        var featureNames = new List<string>();
        var assets = new List<string>();
        foreach (Chunk chunk in chunks)
        {
            featureNames.AddRange(chunk.Inputs.Keys.Where(k => !featureNames.Contains(k)));
            assets.AddRange(chunk.Outputs.Keys.Where(k => !assets.Contains(k)));
        }

        int total = checked((int)rows);
        var times = new long[total];
        var location = new (Chunk Chunk, int Row)[total];
        int offset = 0;
        foreach (Chunk chunk in chunks)
        {
            for (int r = 0; r < chunk.Times.Length; r++)
            {
                times[offset + r] = chunk.Times[r];
                location[offset + r] = (chunk, r);
            }

            offset += chunk.Times.Length;
        }

        int[] order = [.. Enumerable.Range(0, total)];
        Array.Sort(order, (x, y) => times[x] != times[y] ? times[x].CompareTo(times[y]) : x.CompareTo(y));
        int skip = Math.Max(0, total - query.MaxRows);
        int[] kept = order[skip..];
        Dictionary<string, double[]> Gather(List<string> names, Func<Chunk, Dictionary<string, double[]>> columns) => names.ToDictionary(
            name => name,
            name => kept.Select(i => columns(location[i].Chunk).TryGetValue(name, out double[]? values) ? values[location[i].Row] : double.NaN).ToArray(),
            StringComparer.Ordinal);
        return new PredictionLogTable(
            [.. kept.Select(i => DateTimeOffset.FromUnixTimeMilliseconds(times[i]))], [.. kept.Select(i => location[i].Chunk.Versions[location[i].Row])],
            [.. kept.Select(i => location[i].Chunk.Roles[location[i].Row])], [.. kept.Select(i => location[i].Chunk.Requests[location[i].Row])],
            featureNames, assets, Gather(featureNames, c => c.Inputs), Gather(assets, c => c.Outputs),
            chunks.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count(), skip > 0 || chunks.Count < keys.Count);
    }

    private static float[][] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[columns][];
        for (int c = 0; c < columns; c++)
        {
            var column = result[c] = new float[rows];
            for (int r = 0; r < rows; r++)
            {
                column[r] = values[(r * columns) + c];
            }
        }

        return result;
    }

    /// <summary>Skips whole day folders outside the query's time range.</summary>
    private static bool InRange(string key, PredictionLogQuery query)
    {
        string[] parts = key.Split('/');
        if (parts.Length < 2 || !DateOnly.TryParseExact(parts[^2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            return true;
        }

        return (query.From is not { } from || day >= DateOnly.FromDateTime(from.UtcDateTime)) && (query.Until is not { } until || day <= DateOnly.FromDateTime(until.UtcDateTime));
    }

    private static async Task<List<Chunk>> ReadObjectAsync(Stream stream, string key, PredictionLogQuery query, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, ParquetColumns.ReadOptions(), leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            throw new DataFormatException(key, 0, null, null, $"not a Parquet file: {error.Message}");
        }

        var chunks = new List<Chunk>();
        await using (reader.ConfigureAwait(false))
        {
            DataField time = ParquetColumns.Find(reader.Schema, "logged_at", key), version = ParquetColumns.Find(reader.Schema, "version", key);
            DataField role = ParquetColumns.Find(reader.Schema, "role", key), request = ParquetColumns.Find(reader.Schema, "request_id", key);
            DataField[] inputs = [.. reader.Schema.GetDataFields().Where(f => f.Name.StartsWith(InputPrefix, StringComparison.Ordinal))];
            DataField[] outputs = [.. reader.Schema.GetDataFields().Where(f => f.Name.StartsWith(OutputPrefix, StringComparison.Ordinal))];
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
                int n = checked((int)group.RowCount);
                long?[] times = await ParquetColumns.ReadIntegersAsync(group, time, n, cancellationToken).ConfigureAwait(false);
                long?[] versions = await ParquetColumns.ReadIntegersAsync(group, version, n, cancellationToken).ConfigureAwait(false);
                string?[] roles = await ParquetColumns.ReadStringsAsync(group, role, key, cancellationToken).ConfigureAwait(false);
                string?[] requests = await ParquetColumns.ReadStringsAsync(group, request, key, cancellationToken).ConfigureAwait(false);
                var keep = new List<int>(n);
                for (int r = 0; r < n; r++)
                {
                    if (times[r] is not { } t || versions[r] is null)
                    {
                        throw new DataFormatException(key, r + 1, times[r] is null ? "logged_at" : "version", null, "the value is missing");
                    }

                    var at = DateTimeOffset.FromUnixTimeMilliseconds(t);
                    if ((query.From is { } from && at < from) || (query.Until is { } until && at >= until) || (query.Role is { } wanted && (roles[r] ?? ServedRole) != wanted))
                    {
                        continue;
                    }

                    keep.Add(r);
                }

                async Task<Dictionary<string, double[]>> ColumnsAsync(DataField[] fields, string prefix)
                {
                    var columns = new Dictionary<string, double[]>(fields.Length, StringComparer.Ordinal);
                    foreach (DataField field in fields)
                    {
                        double[] values = await ParquetColumns.ReadDoublesAsync(group, field, key, cancellationToken).ConfigureAwait(false);
                        columns[field.Name[prefix.Length..]] = [.. keep.Select(r => values[r])];
                    }

                    return columns;
                }

                chunks.Add(new Chunk(key, [.. keep.Select(r => times[r]!.Value)], [.. keep.Select(r => (int)versions[r]!.Value)], [.. keep.Select(r => roles[r] ?? ServedRole)],
                    [.. keep.Select(r => requests[r] ?? string.Empty)], await ColumnsAsync(inputs, InputPrefix).ConfigureAwait(false), await ColumnsAsync(outputs, OutputPrefix).ConfigureAwait(false)));
            }
        }

        return chunks;
    }

    private sealed record Chunk(
        string Key, long[] Times, int[] Versions, string[] Roles, string[] Requests, Dictionary<string, double[]> Inputs, Dictionary<string, double[]> Outputs);
}
