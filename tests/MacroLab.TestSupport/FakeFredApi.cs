using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MacroLab.TestSupport;

/// <summary>One observation as FRED's <c>output_type=1</c> lists it: a value and the real-time period in which it held.</summary>
public sealed record FredObservation(string Date, string Value, string RealtimeStart, string RealtimeEnd);

/// <summary>
/// A loopback stand-in for the FRED API (<c>/fred/series</c>, <c>/fred/series/observations</c>) on Kestrel. It answers in
/// FRED's JSON layout (field names and order, <c>count</c>/<c>offset</c>/<c>limit</c> paging, <c>"."</c> for a missing
/// value, FRED's error bodies for an unknown series or key), records every request, and plays scripted faults first:
/// a 429 with <c>Retry-After</c>, a 5xx, a malformed body. No test touches the internet.
/// </summary>
/// <remarks>
/// Its series are recorded histories: <see cref="FromBundledArchive"/> turns the bundled FRED-MD vintage archive into the
/// real-time periods FRED would list (each vintage known from the 7th of the month after its own, a withdrawn cell ending
/// its period), so the values are real vintages, not invented ones.
/// </remarks>
public sealed class FakeFredApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body, string? RetryAfter)> _faults = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Dictionary<string, (string Title, string Frequency, string Units, IReadOnlyList<FredObservation> Observations)> _series = new(StringComparer.Ordinal);

    private FakeFredApi(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    /// <summary>The key the fake accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The API's root, <c>http://127.0.0.1:port/fred/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every request received (path and query), in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts the fake on a free loopback port, accepting <paramref name="apiKey"/>.</summary>
    public static async Task<FakeFredApi> StartAsync(string apiKey = "abcdefghijklmnopqrstuvwxyz012345")
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var fake = new FakeFredApi(app, apiKey);
        app.MapGet("/fred/series", context => fake.AnswerAsync(context, observations: false));
        app.MapGet("/fred/series/observations", context => fake.AnswerAsync(context, observations: true));
        await app.StartAsync();
        fake.BaseAddress = new Uri(new Uri(app.Urls.Single()), "/fred/");
        return fake;
    }

    /// <summary>Serves a series with these observations (in date, then real-time order).</summary>
    public void Add(string id, string title, string frequency, string units, IReadOnlyList<FredObservation> observations) =>
        _series[id] = (title, frequency, units, observations);

    /// <summary>Serves <paramref name="ids"/> with their real-time history from the bundled FRED-MD vintage archive.</summary>
    public void FromBundledArchive(params string[] ids)
    {
        var changes = new Dictionary<(string Series, string Period), List<(string Vintage, string Value)>>();
        using (var file = File.OpenRead(Repository.Sample("fred_md", "vintages.csv.gz")))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip, Encoding.UTF8))
        {
            reader.ReadLine();
            while (reader.ReadLine() is { } line)
            {
                string[] f = line.Split(',');
                if (Array.IndexOf(ids, f[1]) >= 0)
                {
                    (changes.TryGetValue((f[1], f[3]), out var list) ? list : changes[(f[1], f[3])] = []).Add((f[0], f[4]));
                }
            }
        }

        foreach (string id in ids)
        {
            var observations = new List<FredObservation>();
            foreach (((string _, string period), List<(string Vintage, string Value)> history) in changes.Where(c => c.Key.Series == id).OrderBy(c => c.Key.Period, StringComparer.Ordinal))
            {
                history.Sort((a, b) => string.CompareOrdinal(a.Vintage, b.Vintage));
                for (int i = 0; i < history.Count; i++)
                {
                    if (history[i].Value.Length == 0)
                    {
                        continue; // withdrawn: no real-time period
                    }

                    string start = Release(history[i].Vintage);
                    string end = i + 1 < history.Count
                        ? DateOnly.ParseExact(Release(history[i + 1].Vintage), "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : "9999-12-31";
                    observations.Add(new FredObservation(period + "-01", history[i].Value, start, end));
                }
            }

            Add(id, $"{id} (recorded from the FRED-MD vintages)", "Monthly", "Index", observations);
        }
    }

    /// <summary>Answers the next request with <paramref name="status"/> and <paramref name="body"/> (and a <c>Retry-After</c> in seconds), whatever it asks.</summary>
    public void Fault(int status, string body, string? retryAfter = null) => _faults.Enqueue((status, body, retryAfter));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Release(string vintage) =>
        DateOnly.ParseExact(vintage + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task AnswerAsync(HttpContext context, bool observations)
    {
        _requests.Enqueue(context.Request.Path + context.Request.QueryString);
        if (_faults.TryDequeue(out var fault))
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            }

            await context.Response.WriteAsync(fault.Body);
            return;
        }

        IQueryCollection query = context.Request.Query;
        if (query["api_key"] != ApiKey)
        {
            await ErrorAsync(context, "Bad Request.  The value for variable api_key is not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information.");
            return;
        }

        string id = query["series_id"].ToString();
        if (!_series.TryGetValue(id, out var series))
        {
            await ErrorAsync(context, "Bad Request.  The series does not exist.");
            return;
        }

        string realtimeStart = query["realtime_start"].ToString(), realtimeEnd = query["realtime_end"].ToString();
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("realtime_start", realtimeStart);
            json.WriteString("realtime_end", realtimeEnd);
            if (!observations)
            {
                json.WriteStartArray("seriess");
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("realtime_start", realtimeStart);
                json.WriteString("realtime_end", realtimeEnd);
                json.WriteString("title", series.Title);
                json.WriteString("observation_start", series.Observations.Count > 0 ? series.Observations[0].Date : "1776-07-04");
                json.WriteString("observation_end", series.Observations.Count > 0 ? series.Observations[^1].Date : "1776-07-04");
                json.WriteString("frequency", series.Frequency);
                json.WriteString("frequency_short", series.Frequency[..1]);
                json.WriteString("units", series.Units);
                json.WriteString("units_short", series.Units);
                json.WriteString("seasonal_adjustment", "Seasonally Adjusted");
                json.WriteString("seasonal_adjustment_short", "SA");
                json.WriteString("last_updated", "2023-07-12 07:38:01-05");
                json.WriteNumber("popularity", 95);
                json.WriteEndObject();
                json.WriteEndArray();
            }
            else
            {
                int limit = int.Parse(query["limit"].ToString(), CultureInfo.InvariantCulture);
                int offset = int.Parse(query["offset"].ToString(), CultureInfo.InvariantCulture);
                json.WriteString("observation_start", "1600-01-01");
                json.WriteString("observation_end", "9999-12-31");
                json.WriteString("units", "lin");
                json.WriteNumber("output_type", 1);
                json.WriteString("file_type", "json");
                json.WriteString("order_by", "observation_date");
                json.WriteString("sort_order", "asc");
                json.WriteNumber("count", series.Observations.Count);
                json.WriteNumber("offset", offset);
                json.WriteNumber("limit", limit);
                json.WriteStartArray("observations");
                foreach (FredObservation o in series.Observations.Skip(offset).Take(limit))
                {
                    json.WriteStartObject();
                    json.WriteString("realtime_start", o.RealtimeStart);
                    json.WriteString("realtime_end", o.RealtimeEnd);
                    json.WriteString("date", o.Date);
                    json.WriteString("value", o.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.Body.WriteAsync(body.ToArray());
    }

    private static async Task ErrorAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["error_code"] = 400, ["error_message"] = message }));
    }
}
