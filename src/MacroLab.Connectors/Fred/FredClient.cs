using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MacroLab.Data;
using MacroLab.Data.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MacroLab.Connectors.Fred;

/// <summary>
/// A client of the FRED API that fetches a series with every vintage: <c>fred/series</c> (title, frequency, units) and
/// <c>fred/series/observations</c> with a real-time period and <c>output_type=1</c>, page by page. Pacing, retries with
/// backoff and <c>Retry-After</c> are the resilience pipeline's (<c>services.AddMacroLabFred(...)</c>); the key never
/// leaves the request.
/// </summary>
/// <remarks>
/// Every response is checked as it arrives: a FRED error (an unknown series is a 400 with FRED's message), a body that is not
/// the JSON FRED sends, a page that contradicts the first (another count) or brings nothing while rows are missing: each
/// fails with a <see cref="FredApiException"/> or a <see cref="DataFormatException"/> naming the series and the request.
/// </remarks>
public sealed class FredClient
{
    private const string Redacted = "REDACTED";
    private readonly HttpClient _http;
    private readonly FredClientOptions _options;
    private readonly ILogger _logger;

    /// <summary>A client sending its requests through <paramref name="http"/> (from <c>AddMacroLabFred</c>, with the resilience pipeline).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public FredClient(HttpClient http, IOptions<FredClientOptions> options, ILogger<FredClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _options.Validate();
        _http = http;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Fetches <paramref name="seriesId"/>'s metadata and every observation in the real-time period <paramref name="vintages"/>.</summary>
    /// <exception cref="FredApiException">FRED refused a request (an unknown series, a bad key) or kept failing after the retries.</exception>
    /// <exception cref="DataFormatException">A response is not what FRED sends, or FRED has no value of the series in the period.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<FredDownload> DownloadAsync(string seriesId, FredVintages vintages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seriesId);
        ArgumentNullException.ThrowIfNull(vintages);
        if (!seriesId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
        {
            throw new ArgumentException($"'{seriesId}' is not a FRED series id (letters, digits, '_' and '.').", nameof(seriesId));
        }

        var responses = new List<SourceResponse>();
        string realTime = $"realtime_start={vintages.RealTimeStart}&realtime_end={vintages.RealTimeEnd}";
        (byte[] metadata, string metadataRequest) = await GetAsync(seriesId, $"series?series_id={seriesId}&{realTime}&file_type=json", cancellationToken).ConfigureAwait(false);
        responses.Add(new SourceResponse("series.json", metadata, metadataRequest));

        int offset = 0, expected = -1, rows = 0;
        for (int page = 1; ; page++)
        {
            string query = $"series/observations?series_id={seriesId}&{realTime}&output_type=1&sort_order=asc&file_type=json"
                + $"&limit={Text(_options.PageSize)}&offset={Text(offset)}";
            (byte[] body, string request) = await GetAsync(seriesId, query, cancellationToken).ConfigureAwait(false);
            (int count, int returned) = PageShape(body, request);
            responses.Add(new SourceResponse($"observations-{Text(page)}.json", body, request));
            if (expected < 0)
            {
                expected = count;
            }
            else if (count != expected)
            {
                throw new DataFormatException(request, 0, "count", Text(count),
                    $"page {Text(page)} of {seriesId} counts {Text(count)} observations, the first page {Text(expected)}: the series changed while it was fetched; fetch it again");
            }

            rows += returned;
            offset += returned;
            _logger.LogInformation("FRED {Series}: page {Page}, {Rows} of {Count} observations", seriesId, page, rows, count);
            if (offset >= count)
            {
                break;
            }

            if (returned == 0)
            {
                throw new DataFormatException(request, 0, "observations", null,
                    $"page {Text(page)} of {seriesId} is empty although {Text(count - offset)} of {Text(count)} observations are still to come");
            }
        }

        return new FredDownload(seriesId, vintages, responses, rows);
    }

    private async Task<(byte[] Body, string Request)> GetAsync(string seriesId, string pathAndQuery, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.BaseAddress, $"{pathAndQuery}&api_key={_options.ApiKey}");
        string recorded = new Uri(_options.BaseAddress, $"{pathAndQuery}&api_key={Redacted}").ToString();
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new FredApiException(seriesId, recorded, error.StatusCode,
                $"FRED did not answer {recorded} after {Text(_options.MaxRetries)} retries: {Scrub(error.Message)}", error);
        }
        catch (Exception error) when (error is TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FredApiException(seriesId, recorded, null, $"FRED did not answer {recorded} in time after {Text(_options.MaxRetries)} retries.", error);
        }

        using (response)
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                string reason = Scrub(FredErrorMessage(body) ?? string.Empty) is { Length: > 0 } said ? said : $"HTTP {Text((int)response.StatusCode)} {response.ReasonPhrase}";
                string message = response.StatusCode == HttpStatusCode.BadRequest && reason.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
                    ? $"FRED has no series '{seriesId}': {reason}"
                    : (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                    ? $"FRED kept failing for {seriesId} after {Text(_options.MaxRetries)} retries: {reason} ({recorded})"
                    : $"FRED refused the request for {seriesId}: {reason} ({recorded})";
                throw new FredApiException(seriesId, recorded, response.StatusCode, message);
            }

            return (body, recorded);
        }
    }

    /// <summary>The total count and the rows of one page; a body that is not FRED's JSON is a <see cref="DataFormatException"/>.</summary>
    private static (int Count, int Returned) PageShape(byte[] body, string request)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("count", out JsonElement count) || !count.TryGetInt32(out int total) || total < 0
                || !root.TryGetProperty("observations", out JsonElement observations) || observations.ValueKind != JsonValueKind.Array)
            {
                throw new DataFormatException(request, 1, "count", null, "expected FRED's observations response: a 'count' and an 'observations' array");
            }

            return (total, observations.GetArrayLength());
        }
        catch (JsonException error)
        {
            throw new DataFormatException(request, (int)(error.LineNumber ?? 0) + 1, null, null,
                $"malformed JSON at byte {Text((int)(error.BytePositionInLine ?? 0))} of the line");
        }
    }

    private static string? FredErrorMessage(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error_message", out JsonElement message)
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            string text = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200))).Trim();
            return text.Length == 0 ? null : text;
        }
    }

    private string Scrub(string text) => _options.ApiKey is { Length: > 0 } key ? text.Replace(key, Redacted, StringComparison.Ordinal) : text;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
