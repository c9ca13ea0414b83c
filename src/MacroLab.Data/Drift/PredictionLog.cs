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
    /// <exception cref="ArgumentException">The batch is empty or a record's width disagrees with the column names.</exception>
    public static async Task<byte[]> EncodeAsync(PredictionLogBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int rows = batch.Records.Count, features = batch.FeatureNames.Count, assets = batch.Assets.Count;
        if (rows == 0)
        {
            throw new ArgumentException("The batch has no records.", nameof(batch));
        }

        var loggedAt = new long[rows];
        var requestIds = new string[rows];
        var roles = new string[rows];
        var inputs = new float[features][];
        var outputs = new float[assets][];
        for (int c = 0; c < features; c++)
        {
            inputs[c] = new float[rows];
        }

        for (int c = 0; c < assets; c++)
        {
            outputs[c] = new float[rows];
        }

        for (int r = 0; r < rows; r++)
        {
            PredictionRecord record = batch.Records[r];
            if (record.Inputs.Length != features || record.Outputs.Length != assets)
            {
                throw new ArgumentException(
                    $"Record {r} has {record.Inputs.Length} inputs and {record.Outputs.Length} outputs; the batch has {features} features and {assets} assets.", nameof(batch));
            }

            loggedAt[r] = record.LoggedAt.ToUnixTimeMilliseconds();
            requestIds[r] = record.RequestId;
            roles[r] = record.Role;
            for (int c = 0; c < features; c++)
            {
                inputs[c][r] = record.Inputs[c];
            }

            for (int c = 0; c < assets; c++)
            {
                outputs[c][r] = record.Outputs[c];
            }
        }

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
        if (batch.Records.Count == 0)
        {
            throw new ArgumentException("The batch has no records.", nameof(batch));
        }

        string key = Key(batch.Model, batch.Version, batch.Records[0].LoggedAt, writer, sequence);
        byte[] bytes = await EncodeAsync(batch, cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(bytes, writable: false);
        await store.PutAsync(key, content, ObjectWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Reads a model's logged predictions, rows in time order (ties by object key and row).</summary>
    /// <exception cref="DataFormatException">An object is not a prediction log (the message names its key and column).</exception>
    public static async Task<PredictionLogTable> ReadAsync(IObjectStore store, string model, PredictionLogQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        query ??= new PredictionLogQuery();
        string prefix = ModelPrefix(model) + (query.Version is { } v ? string.Create(CultureInfo.InvariantCulture, $"v{v}/") : string.Empty);
        var rows = new List<(long Time, int Version, string Role, string Request, Dictionary<string, float> In, Dictionary<string, float> Out)>();
        var featureNames = new List<string>();
        var assets = new List<string>();
        int files = 0;
        await foreach (ObjectInfo info in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (!info.Key.EndsWith(".parquet", StringComparison.Ordinal) || !InRange(info.Key, query))
            {
                continue;
            }

            files++;
            Stream stream = await store.OpenReadAsync(info.Key, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                copy.Position = 0;
                await ReadObjectAsync(copy, info.Key, query, rows, featureNames, assets, cancellationToken).ConfigureAwait(false);
            }
        }

        // A stable sort keeps each object's rows in order.
        var ordered = rows.Select((row, index) => (row, index)).OrderBy(x => x.row.Time).ThenBy(x => x.index).Select(x => x.row).ToList();
        Dictionary<string, double[]> Columns(List<string> names, Func<int, Dictionary<string, float>> map) => names.ToDictionary(
            name => name,
            name => ordered.Select((_, r) => map(r).TryGetValue(name, out float value) ? value : double.NaN).ToArray(),
            StringComparer.Ordinal);
        return new PredictionLogTable(
            [.. ordered.Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.Time))], [.. ordered.Select(r => r.Version)], [.. ordered.Select(r => r.Role)],
            [.. ordered.Select(r => r.Request)], featureNames, assets, Columns(featureNames, r => ordered[r].In), Columns(assets, r => ordered[r].Out), files);
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

    private static async Task ReadObjectAsync(
        Stream stream, string key, PredictionLogQuery query,
        List<(long Time, int Version, string Role, string Request, Dictionary<string, float> In, Dictionary<string, float> Out)> rows,
        List<string> featureNames, List<string> assets, CancellationToken cancellationToken)
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

        await using (reader.ConfigureAwait(false))
        {
            DataField time = ParquetColumns.Find(reader.Schema, "logged_at", key), version = ParquetColumns.Find(reader.Schema, "version", key);
            DataField role = ParquetColumns.Find(reader.Schema, "role", key), request = ParquetColumns.Find(reader.Schema, "request_id", key);
            DataField[] inputs = [.. reader.Schema.GetDataFields().Where(f => f.Name.StartsWith(InputPrefix, StringComparison.Ordinal))];
            DataField[] outputs = [.. reader.Schema.GetDataFields().Where(f => f.Name.StartsWith(OutputPrefix, StringComparison.Ordinal))];
            foreach (string name in inputs.Select(f => f.Name[InputPrefix.Length..]).Where(n => !featureNames.Contains(n)))
            {
                featureNames.Add(name);
            }

            foreach (string name in outputs.Select(f => f.Name[OutputPrefix.Length..]).Where(n => !assets.Contains(n)))
            {
                assets.Add(name);
            }

            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
                int n = checked((int)group.RowCount);
                long?[] times = await ParquetColumns.ReadIntegersAsync(group, time, n, cancellationToken).ConfigureAwait(false);
                long?[] versions = await ParquetColumns.ReadIntegersAsync(group, version, n, cancellationToken).ConfigureAwait(false);
                string?[] roles = await ParquetColumns.ReadStringsAsync(group, role, key, cancellationToken).ConfigureAwait(false);
                string?[] requests = await ParquetColumns.ReadStringsAsync(group, request, key, cancellationToken).ConfigureAwait(false);
                double[][] inputValues = new double[inputs.Length][], outputValues = new double[outputs.Length][];
                for (int c = 0; c < inputs.Length; c++)
                {
                    inputValues[c] = await ParquetColumns.ReadDoublesAsync(group, inputs[c], key, cancellationToken).ConfigureAwait(false);
                }

                for (int c = 0; c < outputs.Length; c++)
                {
                    outputValues[c] = await ParquetColumns.ReadDoublesAsync(group, outputs[c], key, cancellationToken).ConfigureAwait(false);
                }

                for (int r = 0; r < n; r++)
                {
                    if (times[r] is not { } t || versions[r] is not { } v)
                    {
                        throw new DataFormatException(key, r + 1, times[r] is null ? "logged_at" : "version", null, "the value is missing");
                    }

                    var at = DateTimeOffset.FromUnixTimeMilliseconds(t);
                    string rowRole = roles[r] ?? ServedRole;
                    if ((query.From is { } from && at < from) || (query.Until is { } until && at >= until) || (query.Role is { } wanted && rowRole != wanted))
                    {
                        continue;
                    }

                    var inRow = new Dictionary<string, float>(inputs.Length, StringComparer.Ordinal);
                    for (int c = 0; c < inputs.Length; c++)
                    {
                        inRow[inputs[c].Name[InputPrefix.Length..]] = (float)inputValues[c][r];
                    }

                    var outRow = new Dictionary<string, float>(outputs.Length, StringComparer.Ordinal);
                    for (int c = 0; c < outputs.Length; c++)
                    {
                        outRow[outputs[c].Name[OutputPrefix.Length..]] = (float)outputValues[c][r];
                    }

                    rows.Add((t, (int)v, rowRole, requests[r] ?? string.Empty, inRow, outRow));
                }
            }
        }
    }
}
