using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MacroLab.Ingest.Lambda.Runtime;

/// <summary>
/// The Lambda Runtime API (version 2018-06-01) at <c>http://$AWS_LAMBDA_RUNTIME_API</c>: next invocation, response,
/// invocation error and initialisation error.
/// </summary>
internal sealed class LambdaRuntimeClient(HttpClient http, string runtimeApi)
{
    private const string Version = "2018-06-01";
    private readonly Uri _base = new($"http://{runtimeApi}/{Version}/runtime/");

    /// <summary>Waits for the next invocation (the call blocks until Lambda has one).</summary>
    /// <exception cref="HttpRequestException">The runtime API refused or failed.</exception>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri(_base, "invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        string requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new HttpRequestException("The runtime API's next invocation has no Lambda-Runtime-Aws-Request-Id header.");
        string deadlineText = Header(response, "Lambda-Runtime-Deadline-Ms")
            ?? throw new HttpRequestException($"Invocation {requestId} has no Lambda-Runtime-Deadline-Ms header.");
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out long deadlineMs))
        {
            throw new HttpRequestException($"Invocation {requestId} has an unreadable Lambda-Runtime-Deadline-Ms '{deadlineText}'.");
        }

        byte[] payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(requestId, DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"), Header(response, "Lambda-Runtime-Trace-Id"), payload);
    }

    /// <summary>Sends the invocation's response.</summary>
    public Task RespondAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
    }

    /// <summary>Reports the invocation's failure.</summary>
    public Task ReportInvocationErrorAsync(string requestId, string errorType, string message, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", ErrorContent(errorType, message), cancellationToken);

    /// <summary>Reports that the function could not initialise; Lambda then fails the pending invocation and restarts.</summary>
    public Task ReportInitErrorAsync(string errorType, string message, CancellationToken cancellationToken) =>
        PostAsync("init/error", ErrorContent(errorType, message), cancellationToken);

    private async Task PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using (content)
        {
            using HttpResponseMessage response = await http.PostAsync(new Uri(_base, path), content, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
            {
                string detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new HttpRequestException($"The runtime API answered {(int)response.StatusCode} to POST {path}: {detail}", null, response.StatusCode);
            }
        }
    }

    private static ByteArrayContent ErrorContent(string errorType, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", message);
            writer.WriteString("errorType", errorType);
            writer.WriteStartArray("stackTrace");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
