using System.Globalization;
using System.Text.Json;
using MacroLab.Api.Serving;
using MacroLab.Scoring;

namespace MacroLab.Api.Inference;

/// <summary>
/// Reads the two request bodies with <see cref="Utf8JsonReader"/> straight into the model's input layout, checking as it goes,
/// so that every refusal names the field (a JSON path) and the hot path allocates only the input array.
/// </summary>
internal static class RequestParser
{
    /// <summary>The name of the one input tensor of the Open Inference Protocol request.</summary>
    public const string InputName = "features";

    /// <summary>The name of the one output tensor.</summary>
    public const string OutputName = "tilts";

    private const int MaxIdLength = 256;

    /// <summary>
    /// An Open Inference Protocol request: <c>{"id"?, "inputs": [{"name": "features", "shape": [B, F] or [B, lookback, F],
    /// "datatype": "FP32" | "FP64", "data": [...]}]}</c>, data flat or nested in row-major order.
    /// </summary>
    /// <exception cref="RequestError">The body is not such a request for <paramref name="model"/>.</exception>
    public static ScoringRequest ParseInfer(ReadOnlySpan<byte> body, ServedModel model, int maxRows)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        string field = "$";
        try
        {
            ExpectStart(ref reader, JsonTokenType.StartObject, field, "the body must be a JSON object");
            string? id = null;
            ScoringRequest? request = null;
            var keys = new MemberSet();
            while (Next(ref reader, field) != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    field = keys.Add("id");
                    id = ReadId(ref reader, field);
                }
                else if (reader.ValueTextEquals("inputs"u8))
                {
                    field = keys.Add("inputs");
                    ExpectStart(ref reader, JsonTokenType.StartArray, field, "must be an array with one tensor");
                    int index = 0;
                    while (Next(ref reader, field) != JsonTokenType.EndArray)
                    {
                        if (index > 0)
                        {
                            throw new RequestError(400, $"inputs[{index}]", $"the model takes one input tensor, '{InputName}'");
                        }

                        request = ReadTensor(ref reader, model, maxRows, ref field);
                        index++;
                    }

                    field = "inputs";
                    if (index == 0)
                    {
                        throw new RequestError(400, field, $"no input tensor: send one named '{InputName}'");
                    }
                }
                else
                {
                    // OIP extensions ("parameters", "outputs") are allowed and ignored.
                    field = keys.Add(reader.GetString() ?? "$");
                    Skip(ref reader, field);
                }

                field = "$";
            }

            return request is { } r
                ? r with { Id = id }
                : throw new RequestError(400, "inputs", $"the body has no 'inputs': send {{\"inputs\": [{{\"name\": \"{InputName}\", \"shape\": [...], \"datatype\": \"FP32\", \"data\": [...]}}]}}");
        }
        catch (JsonException error)
        {
            throw Malformed(field, error);
        }
    }

    /// <summary>
    /// The simple request: <c>{"id"?, "rows": [{"&lt;feature&gt;": value, ...}, ...]}</c>, every feature of the model named in every row
    /// (for a model with a lookback window, each value is an array of lookback values, oldest first).
    /// </summary>
    /// <exception cref="RequestError">The body is not such a request for <paramref name="model"/>.</exception>
    public static ScoringRequest ParsePredict(ReadOnlySpan<byte> body, ServedModel model, int maxRows)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        string field = "$";
        int features = model.FeatureCount, lookback = model.Scorer.Lookback, width = model.Scorer.RowWidth;
        try
        {
            ExpectStart(ref reader, JsonTokenType.StartObject, field, "the body must be a JSON object");
            string? id = null;
            List<float>? values = null;
            List<IReadOnlyList<string>>? imputed = null;
            int rows = 0;
            var keys = new MemberSet();
            while (Next(ref reader, field) != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    field = keys.Add("id");
                    id = ReadId(ref reader, field);
                }
                else if (reader.ValueTextEquals("rows"u8))
                {
                    field = keys.Add("rows");
                    ExpectStart(ref reader, JsonTokenType.StartArray, field, "must be an array of row objects");
                    values = new List<float>(width);
                    imputed = [];
                    var seen = new bool[features];
                    var raw = new double[width];
                    var row = new float[width];
                    while (Next(ref reader, field) != JsonTokenType.EndArray)
                    {
                        string rowField = $"rows[{rows}]";
                        if (rows >= maxRows)
                        {
                            throw new RequestError(400, "rows", $"more than {maxRows} rows; split the batch (the limit is MacroLab:Serving:MaxBatchRows)");
                        }

                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new RequestError(400, rowField, "must be an object of feature values");
                        }

                        Array.Fill(raw, double.NaN);
                        Array.Clear(seen);
                        while (Next(ref reader, rowField) != JsonTokenType.EndObject)
                        {
                            string name = reader.GetString()!;
                            field = $"{rowField}.{name}";
                            int f = model.FeatureIndex(name);
                            if (f < 0)
                            {
                                throw new RequestError(400, field, $"'{name}' is not a feature of {model.Name}:{model.Version}; its features are {string.Join(", ", model.Scorer.FeatureNames)}");
                            }

                            if (seen[f])
                            {
                                throw new RequestError(400, field, $"'{name}' appears twice in the row");
                            }

                            seen[f] = true;
                            Next(ref reader, field);
                            if (lookback == 1)
                            {
                                raw[f] = ReadValue(ref reader, field, model);
                            }
                            else
                            {
                                if (reader.TokenType != JsonTokenType.StartArray)
                                {
                                    throw new RequestError(400, field, $"must be an array of {lookback} values (the model's window, oldest first)");
                                }

                                int step = 0;
                                while (Next(ref reader, field) != JsonTokenType.EndArray)
                                {
                                    string stepField = $"{field}[{step}]";
                                    if (step >= lookback)
                                    {
                                        throw new RequestError(400, field, $"has more than {lookback} values (the model's window)");
                                    }

                                    raw[(step * features) + f] = ReadValue(ref reader, stepField, model);
                                    step++;
                                }

                                if (step != lookback)
                                {
                                    throw new RequestError(400, field, $"has {step} values; the model's window is {lookback} decision dates");
                                }
                            }

                            field = rowField;
                        }

                        if (model.Imputer is not { } imputer)
                        {
                            int missing = Array.IndexOf(seen, false);
                            if (missing >= 0)
                            {
                                throw new RequestError(400, $"{rowField}.{model.Scorer.FeatureNames[missing]}", $"the row has no '{model.Scorer.FeatureNames[missing]}', which the model needs");
                            }

                            values.AddRange(raw.Select(v => (float)v));
                            imputed.Add([]);
                        }
                        else
                        {
                            // The model's own missing-input policy (the code its backtest and macrolab predict use): a missing or null
                            // feature enters at its training mean and is named in the answer; too many of them, and there is no decision.
                            Imputation imputation = imputer.Fill(raw, row);
                            if (imputation.Refusal is { } refusal)
                            {
                                throw new RequestError(422, rowField, refusal);
                            }

                            values.AddRange(row);
                            imputed.Add(imputation.Imputed > 0 ? imputer.ImputedFeatures(raw) : []);
                        }

                        rows++;
                        field = "rows";
                    }
                }
                else
                {
                    field = keys.Add(reader.GetString() ?? "$");
                    Skip(ref reader, field);
                }

                field = "$";
            }

            if (values is null)
            {
                throw new RequestError(400, "rows", "the body has no 'rows': send {\"rows\": [{\"<feature>\": value, ...}]}");
            }

            return rows == 0 ? throw new RequestError(400, "rows", "the batch is empty: send at least one row") : new ScoringRequest(id, rows, [.. values], imputed);
        }
        catch (JsonException error)
        {
            throw Malformed(field, error);
        }
    }

    private static ScoringRequest ReadTensor(ref Utf8JsonReader reader, ServedModel model, int maxRows, ref string field)
    {
        const string tensor = "inputs[0]";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RequestError(400, tensor, "must be a tensor object with name, shape, datatype and data");
        }

        string? name = null, datatype = null;
        int[]? shape = null;
        float[]? data = null;
        int count = 0, limit = checked(maxRows * model.Scorer.RowWidth);
        field = tensor;
        var keys = new MemberSet(tensor);
        while (Next(ref reader, field) != JsonTokenType.EndObject)
        {
            field = keys.Add(reader.GetString() ?? string.Empty);
            if (reader.ValueTextEquals("name"u8))
            {
                field = $"{tensor}.name";
                Next(ref reader, field);
                name = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new RequestError(400, field, "must be a string");
            }
            else if (reader.ValueTextEquals("datatype"u8))
            {
                field = $"{tensor}.datatype";
                Next(ref reader, field);
                datatype = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new RequestError(400, field, "must be a string");
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                field = $"{tensor}.shape";
                ExpectStart(ref reader, JsonTokenType.StartArray, field, "must be an array of integers");
                var dims = new List<int>(3);
                while (Next(ref reader, field) != JsonTokenType.EndArray)
                {
                    string dimField = $"{field}[{dims.Count}]";
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int dim) || dim < 1)
                    {
                        throw new RequestError(400, dimField, "must be a positive integer");
                    }

                    if (dims.Count == 3)
                    {
                        throw new RequestError(400, field, "has more than 3 dimensions");
                    }

                    dims.Add(dim);
                }

                shape = [.. dims];
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                field = $"{tensor}.data";
                ExpectStart(ref reader, JsonTokenType.StartArray, field, "must be an array of numbers");
                // Sized from the shape when it came first (as clients usually send it), else grown as values arrive.
                long declared = shape is { Length: > 0 } ? shape.Aggregate(1L, (p, d) => p * d) : 0;
                data = new float[declared is > 0 && declared <= int.MaxValue ? (int)Math.Min(limit, declared) : Math.Min(limit, 256)];
                int depth = 1;
                try
                {
                    // The field path of a value is built only when it is at fault: this loop runs once per input value.
                    while (depth > 0)
                    {
                        if (!reader.Read())
                        {
                            throw new RequestError(400, $"{tensor}.data[{count}]", "the JSON ends too early");
                        }

                        switch (reader.TokenType)
                        {
                            case JsonTokenType.StartArray:
                                depth++;
                                break;
                            case JsonTokenType.EndArray:
                                depth--;
                                break;
                            case JsonTokenType.Number when reader.TryGetDouble(out double value) && float.IsFinite((float)value) && count < data.Length:
                                data[count++] = (float)value;
                                break;
                            default:
                                if (count >= limit)
                                {
                                    throw new RequestError(400, $"{tensor}.data", $"more than {limit} values ({maxRows} rows of {model.Scorer.RowWidth}); split the batch");
                                }

                                if (count == data.Length)
                                {
                                    Array.Resize(ref data, Math.Min(limit, data.Length * 2));
                                }

                                data[count] = ReadFinite(ref reader, $"{tensor}.data[{count}]");
                                count++;
                                break;
                        }
                    }
                }
                catch (JsonException error)
                {
                    throw Malformed($"{tensor}.data[{count}]", error);
                }
            }
            else
            {
                field = $"{tensor}.{reader.GetString()}";
                Skip(ref reader, field);
            }

            field = tensor;
        }

        if (!string.Equals(name, InputName, StringComparison.Ordinal))
        {
            throw new RequestError(400, $"{tensor}.name", name is null ? $"missing: the input is named '{InputName}'" : $"'{name}' is not an input of the model; its input is '{InputName}'");
        }

        if (datatype is not ("FP32" or "FP64"))
        {
            throw new RequestError(400, $"{tensor}.datatype", datatype is null ? "missing: send FP32 (or FP64)" : $"'{datatype}' is not supported; send FP32 (or FP64)");
        }

        int features = model.FeatureCount, lookback = model.Scorer.Lookback;
        string expected = lookback == 1 ? $"[rows, {features}]" : $"[rows, {lookback}, {features}]";
        if (shape is null)
        {
            throw new RequestError(400, $"{tensor}.shape", $"missing: the model takes {expected}");
        }

        if (shape.Length != (lookback == 1 ? 2 : 3))
        {
            throw new RequestError(400, $"{tensor}.shape", $"[{string.Join(", ", shape)}] has {shape.Length} dimensions; the model takes {expected}");
        }

        if (shape[^1] != features)
        {
            throw new RequestError(400, $"{tensor}.shape[{shape.Length - 1}]",
                $"{shape[^1]} features; the model takes {features} ({string.Join(", ", model.Scorer.FeatureNames)})");
        }

        if (lookback > 1 && shape[1] != lookback)
        {
            throw new RequestError(400, $"{tensor}.shape[1]", $"{shape[1]} decision dates; the model's window is {lookback}");
        }

        if (shape[0] > maxRows)
        {
            throw new RequestError(400, $"{tensor}.shape[0]", $"{shape[0]} rows is more than the limit {maxRows}; split the batch");
        }

        int rows = shape[0];
        if (data is null)
        {
            throw new RequestError(400, $"{tensor}.data", "missing");
        }

        if (count != rows * model.Scorer.RowWidth)
        {
            throw new RequestError(400, $"{tensor}.data", $"{count} values, but shape [{string.Join(", ", shape)}] needs {rows * model.Scorer.RowWidth}");
        }

        if (data.Length != count)
        {
            Array.Resize(ref data, count);
        }

        return new ScoringRequest(null, rows, data);
    }

    /// <summary>
    /// The member names of one JSON object: a name that comes twice is refused, because JSON parsers disagree on which
    /// copy wins and a request must mean one thing.
    /// </summary>
    private sealed class MemberSet(string? parent = null)
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        /// <summary>Records <paramref name="name"/> and returns its field path.</summary>
        public string Add(string name)
        {
            string field = parent is null ? name : $"{parent}.{name}";
            return _names.Add(name) ? field : throw new RequestError(400, field, $"'{name}' appears twice in the object; send each member once");
        }
    }

    /// <summary>A feature value of <c>/v1/predict</c>: a finite number, or (for a model with a missing-input policy) null for "unknown".</summary>
    private static double ReadValue(ref Utf8JsonReader reader, string field, ServedModel model) =>
        reader.TokenType == JsonTokenType.Null && model.Imputer is not null ? double.NaN : ReadFinite(ref reader, field);

    private static float ReadFinite(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new RequestError(400, field, reader.TokenType == JsonTokenType.String
                ? "must be a number, not a string (NaN and infinities are refused: impute missing values before scoring)"
                : "must be a number");
        }

        if (!reader.TryGetDouble(out double value) || !float.IsFinite((float)value))
        {
            throw new RequestError(400, field, "is out of the FP32 range; inputs must be finite");
        }

        return (float)value;
    }

    private static string? ReadId(ref Utf8JsonReader reader, string field)
    {
        Next(ref reader, field);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        string id = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new RequestError(400, field, "must be a string");
        return id.Length <= MaxIdLength ? id : throw new RequestError(400, field, $"is longer than {MaxIdLength} characters");
    }

    private static void ExpectStart(ref Utf8JsonReader reader, JsonTokenType type, string field, string message)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new RequestError(400, field, message);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, string field) =>
        reader.Read() ? reader.TokenType : throw new RequestError(400, field, "the JSON ends too early");

    private static void Skip(ref Utf8JsonReader reader, string field)
    {
        if (!reader.TrySkip())
        {
            throw new RequestError(400, field, "the JSON ends too early");
        }
    }

    private static RequestError Malformed(string field, JsonException error) => new(400, field,
        string.Create(CultureInfo.InvariantCulture,
            $"not valid JSON at line {(error.LineNumber ?? 0) + 1}, byte {(error.BytePositionInLine ?? 0) + 1} (NaN and Infinity are not JSON numbers; inputs must be finite)"));
}
