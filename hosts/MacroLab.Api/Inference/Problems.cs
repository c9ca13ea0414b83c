namespace MacroLab.Api.Inference;

/// <summary>RFC 7807 problem details (<c>application/problem+json</c>) with the field at fault as an extension.</summary>
internal static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? field = null, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (field is not null)
        {
            all["field"] = field;
        }

        if (extensions is not null)
        {
            foreach ((string key, object? value) in extensions)
            {
                all[key] = value;
            }
        }

        all["traceId"] = context.TraceIdentifier;
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: all).ExecuteAsync(context);
    }

    public static Task WriteAsync(HttpContext context, RequestError error) => WriteAsync(context, error.Status, error.Status switch
    {
        404 => "Unknown model",
        413 => "Request too large",
        415 => "Unsupported media type",
        422 => "No finite decision",
        _ => "Invalid request",
    }, $"{error.Field}: {error.Message}", error.Field);
}
