using System.Globalization;
using System.Text;
using System.Text.Json;
using MacroLab.Connectors.Fred;
using MacroLab.Data.Sources;
using MacroLab.Ingest.Lambda.Runtime;

namespace MacroLab.Ingest.Lambda.Ingest;

/// <summary>
/// Reads an invocation's event. Two shapes are accepted:
/// <list type="bullet">
/// <item>MacroLab's own (an EventBridge schedule's constant input, or a direct invoke): <c>{"format":"fredmd","dataset":"fred_md","vintage":"2023-06","releasedOn":"2023-06-28","object":{"bucket":"raw","key":"fred_md/2023-06.csv"}}</c>, or with <c>"inline":{"fileName":"x.csv","text":"..."}</c> (or <c>"base64"</c>) instead of <c>object</c>;</item>
/// <item>a fetch from FRED on a schedule: <c>{"fetch":{"source":"fred","series":"CPIAUCSL,PAYEMS","vintages":"all"}}</c>;</item>
/// <item>an S3 event notification (<c>Records[0].s3</c>) or an EventBridge S3 "Object Created" event (<c>detail.bucket</c>,
/// <c>detail.object</c>), whose key ends in <c>&lt;format&gt;/&lt;dataset&gt;/&lt;file&gt;</c> (e.g. <c>research/raw/fredmd/fred_md/2023-06.csv</c>).</item>
/// </list>
/// Every problem is a <see cref="LambdaFunctionException"/> of type <c>MacroLab.InvalidEvent</c> naming the JSON path.
/// </summary>
internal static class IngestEventParser
{
    public const string InvalidEvent = "MacroLab.InvalidEvent";

    public static IngestEvent Parse(ReadOnlyMemory<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException error)
        {
            throw Invalid($"the event is not JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {error.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"$ must be an object; it is {root.ValueKind}.");
            }

            if (root.TryGetProperty("Records", out JsonElement records))
            {
                return FromS3Notification(records);
            }

            return root.TryGetProperty("detail-type", out _) ? FromEventBridge(root) : FromOwn(root);
        }
    }

    private static IngestEvent FromOwn(JsonElement root)
    {
        if (root.TryGetProperty("fetch", out JsonElement fetch))
        {
            return new IngestEvent(SourceFormat.FredApi, null, new SourceReadOptions(), null, null, null, null, FromFetch(fetch));
        }

        SourceFormat format = Format(RequiredString(root, "format", "$.format"), "$.format");
        string? dataset = OptionalString(root, "dataset", "$.dataset");
        var options = new SourceReadOptions
        {
            Vintage = OptionalString(root, "vintage", "$.vintage"),
            ReleasedOn = OptionalString(root, "releasedOn", "$.releasedOn") is { } released
                ? DateOnly.TryParseExact(released, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) ? date : throw Invalid($"$.releasedOn '{released}' is not a yyyy-MM-dd date.")
                : null,
        };
        bool hasObject = root.TryGetProperty("object", out JsonElement obj);
        bool hasInline = root.TryGetProperty("inline", out JsonElement inline);
        if (hasObject == hasInline)
        {
            throw Invalid("exactly one of $.object (an S3 bucket and key) and $.inline (a file name and its text or base64) is required.");
        }

        if (hasObject)
        {
            RequireObject(obj, "$.object");
            return new IngestEvent(format, dataset, options, RequiredString(obj, "bucket", "$.object.bucket"), RequiredString(obj, "key", "$.object.key"), null, null);
        }

        RequireObject(inline, "$.inline");
        string fileName = RequiredString(inline, "fileName", "$.inline.fileName");
        string? text = OptionalString(inline, "text", "$.inline.text");
        string? base64 = OptionalString(inline, "base64", "$.inline.base64");
        if ((text is null) == (base64 is null))
        {
            throw Invalid("exactly one of $.inline.text and $.inline.base64 is required.");
        }

        byte[] content;
        if (text is not null)
        {
            content = Encoding.UTF8.GetBytes(text);
        }
        else
        {
            try
            {
                content = Convert.FromBase64String(base64!);
            }
            catch (FormatException)
            {
                throw Invalid("$.inline.base64 is not valid base64.");
            }
        }

        if (content.Length == 0)
        {
            throw Invalid("the inline payload $.inline is empty.");
        }

        return new IngestEvent(format, dataset, options, null, null, fileName, content);
    }

    /// <summary><c>{"source":"fred","series":"CPIAUCSL,PAYEMS" (or an array),"vintages":"all"}</c>; vintages default to all.</summary>
    private static FetchEvent FromFetch(JsonElement fetch)
    {
        RequireObject(fetch, "$.fetch");
        string source = RequiredString(fetch, "source", "$.fetch.source");
        if (source != "fred")
        {
            throw Invalid($"$.fetch.source '{source}' is not a data service; the one is fred.");
        }

        if (!fetch.TryGetProperty("series", out JsonElement list))
        {
            throw Invalid("$.fetch.series is required: the FRED series ids, \"CPIAUCSL,PAYEMS\" or [\"CPIAUCSL\",\"PAYEMS\"].");
        }

        string[] series = list.ValueKind switch
        {
            JsonValueKind.String => list.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Array => [.. list.EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()!.Trim() : throw Invalid($"$.fetch.series[{i}] must be a string."))],
            _ => throw Invalid($"$.fetch.series must be a string or an array; it is {list.ValueKind}."),
        };
        if (series.Length == 0 || series.Any(s => s.Length == 0 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')))
        {
            throw Invalid($"$.fetch.series '{list}' must name FRED series ids (letters, digits, '_' and '.').");
        }

        string vintages = OptionalString(fetch, "vintages", "$.fetch.vintages") ?? "all";
        try
        {
            return new FetchEvent([.. series.Distinct(StringComparer.Ordinal)], FredVintages.Parse(vintages));
        }
        catch (FormatException error)
        {
            throw Invalid($"$.fetch.vintages: {error.Message}");
        }
    }

    private static IngestEvent FromS3Notification(JsonElement records)
    {
        if (records.ValueKind != JsonValueKind.Array || records.GetArrayLength() != 1)
        {
            throw Invalid("$.Records must hold exactly one S3 record (configure the notification per object).");
        }

        JsonElement record = records[0];
        RequireObject(record, "$.Records[0]");
        if (!record.TryGetProperty("s3", out JsonElement s3))
        {
            throw Invalid("$.Records[0].s3 is required: only S3 event notifications are accepted.");
        }

        string bucket = s3.TryGetProperty("bucket", out JsonElement b) && b.ValueKind == JsonValueKind.Object
            ? RequiredString(b, "name", "$.Records[0].s3.bucket.name") : throw Invalid("$.Records[0].s3.bucket is required.");
        string rawKey = s3.TryGetProperty("object", out JsonElement o) && o.ValueKind == JsonValueKind.Object
            ? RequiredString(o, "key", "$.Records[0].s3.object.key") : throw Invalid("$.Records[0].s3.object is required.");

        // S3 notifications URL-encode keys, spaces as '+'.
        return FromObjectKey(bucket, Uri.UnescapeDataString(rawKey.Replace('+', ' ')), "$.Records[0].s3.object.key");
    }

    private static IngestEvent FromEventBridge(JsonElement root)
    {
        string source = RequiredString(root, "source", "$.source");
        string type = RequiredString(root, "detail-type", "$.detail-type");
        if (source != "aws.s3" || type != "Object Created")
        {
            throw Invalid($"$.detail-type '{type}' from '{source}': only S3 'Object Created' events are accepted.");
        }

        if (!root.TryGetProperty("detail", out JsonElement detail) || detail.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("$.detail is required.");
        }

        string bucket = detail.TryGetProperty("bucket", out JsonElement b) && b.ValueKind == JsonValueKind.Object
            ? RequiredString(b, "name", "$.detail.bucket.name") : throw Invalid("$.detail.bucket is required.");
        string key = detail.TryGetProperty("object", out JsonElement o) && o.ValueKind == JsonValueKind.Object
            ? RequiredString(o, "key", "$.detail.object.key") : throw Invalid("$.detail.object is required.");
        return FromObjectKey(bucket, key, "$.detail.object.key");
    }

    /// <summary>An object whose key ends in <c>&lt;format&gt;/&lt;dataset&gt;/&lt;file&gt;</c> (any prefix before, e.g. <c>research/raw/</c>).</summary>
    private static IngestEvent FromObjectKey(string bucket, string key, string path)
    {
        string[] segments = key.Split('/');
        if (segments.Length < 3 || segments[^3..].Any(s => s.Length == 0))
        {
            throw Invalid($"{path} '{key}' must end in <format>/<dataset>/<file>, e.g. raw/fredmd/fred_md/2023-06.csv.");
        }

        return new IngestEvent(Format(segments[^3], path), segments[^2], new SourceReadOptions(), bucket, key, null, null);
    }

    private static SourceFormat Format(string name, string path)
    {
        try
        {
            return SourceFormatNames.Parse(name);
        }
        catch (ArgumentException)
        {
            throw Invalid($"{path} '{name}' is not a source format; use one of {string.Join(", ", SourceFormatNames.All)}.");
        }
    }

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{path} must be an object; it is {element.ValueKind}.");
        }
    }

    private static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw Invalid($"{path} is required.");

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"{path} must be a string; it is {value.ValueKind}.");
        }

        string text = value.GetString()!;
        return string.IsNullOrWhiteSpace(text) ? throw Invalid($"{path} is empty.") : text;
    }

    private static LambdaFunctionException Invalid(string message) => new(InvalidEvent, $"Invalid ingest event: {message}");
}
