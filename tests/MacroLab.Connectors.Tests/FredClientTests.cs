using System.Diagnostics;
using System.Net;
using MacroLab.Connectors.Fred;
using MacroLab.Data;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MacroLab.Connectors.Tests;

/// <summary>The FRED client against the fake FRED API on loopback: paging, faults, refusals, and the key kept secret.</summary>
public sealed class FredClientTests : IAsyncLifetime
{
    private FakeFredApi _fred = null!;

    public async Task InitializeAsync()
    {
        _fred = await FakeFredApi.StartAsync();
        _fred.FromBundledArchive("CPIAUCSL", "PAYEMS");
    }

    public async Task DisposeAsync() => await _fred.DisposeAsync();

    [Fact]
    public async Task Every_vintage_comes_in_pages_kept_byte_for_byte_with_the_request_and_no_key()
    {
        var logs = new LogSink();
        using ServiceProvider services = Services(o => o.PageSize = 500, logs);
        FredDownload download = await services.GetRequiredService<FredClient>().DownloadAsync("CPIAUCSL", FredVintages.All);

        int pages = download.Responses.Count - 1;
        Assert.True(pages >= 4, $"{pages} pages");
        Assert.Equal(pages + 1, _fred.Requests.Count);
        Assert.All(_fred.Requests.Skip(1), r => Assert.Contains("realtime_start=1776-07-04&realtime_end=9999-12-31&output_type=1", r, StringComparison.Ordinal));
        Assert.Equal([.. Enumerable.Range(0, pages).Select(p => $"offset={p * 500}")], _fred.Requests.Skip(1).Select(r => r[r.IndexOf("offset=", StringComparison.Ordinal)..].Split('&')[0]));

        // The responses are the bytes the server sent; the recorded requests and every log line lack the key.
        Assert.All(download.Responses, r => Assert.Contains("api_key=REDACTED", r.Request, StringComparison.Ordinal));
        Assert.DoesNotContain(download.Responses, r => r.Request.Contains(_fred.ApiKey, StringComparison.Ordinal));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(_fred.ApiKey, StringComparison.Ordinal));

        SourceData data = SourceReader.ReadResponses(SourceFormat.FredApi, download.Responses);
        Assert.Equal(download.Observations, data.Observations.Count);
        Assert.Equal("CPIAUCSL", Assert.Single(data.Series).Name);
        Assert.Equal(Frequency.Monthly, data.Series[0].Frequency);
    }

    [Fact]
    public async Task The_fetched_vintages_land_in_the_lake_and_join_point_in_time()
    {
        using var folder = new TemporaryFolder();
        using ServiceProvider services = Services(o => o.PageSize = 700, lake: folder.Path);
        FredClient client = services.GetRequiredService<FredClient>();
        IngestSource[] sources = [(await client.DownloadAsync("CPIAUCSL", FredVintages.All)).ToIngestSource(), (await client.DownloadAsync("PAYEMS", FredVintages.All)).ToIngestSource()];
        IReadOnlyList<IngestedDataset> result = await services.GetRequiredService<IngestStage>().RunAsync(sources);

        Assert.Equal(["silver/observations/fred-api/CPIAUCSL", "silver/observations/fred-api/PAYEMS"], result.Select(r => r.Dataset));
        Lake lake = services.GetRequiredService<Lake>();
        DatasetManifest page2 = Assert.IsType<DatasetManifest>(await lake.GetManifestAsync("bronze/fred-api/CPIAUCSL.part2"));
        Assert.Contains("api_key=REDACTED", page2.Properties["origin"], StringComparison.Ordinal);
        ObservationSet cpi = await lake.ReadObservationsAsync("silver/observations/fred-api/CPIAUCSL");

        // September 2019 was first published in the 2019-10 vintage, known from 2019-11-07: the lake must not date it a day earlier.
        Observation[] september = [.. cpi.OfSeries("CPIAUCSL").Where(o => o.Period.Start == new DateOnly(2019, 9, 1))];
        Assert.NotEmpty(september);
        Assert.Equal(new DateOnly(2019, 11, 7), september.Min(o => o.AvailableAt.Date));
        Assert.All(september, o => Assert.Equal(ReleaseTiming.Published, o.Timing));
        Assert.All(september, o => Assert.Equal(o.AvailableAt.Date.ToString("yyyy-MM-dd", null), o.Vintage));
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        _fred.Fault(429, "{\"error_code\":429,\"error_message\":\"Too Many Requests.  Exceeded Rate Limit\"}", retryAfter: "1");
        using ServiceProvider services = Services(o => o.RetryDelay = TimeSpan.FromMilliseconds(10));
        var clock = Stopwatch.StartNew();
        FredDownload download = await services.GetRequiredService<FredClient>().DownloadAsync("PAYEMS", FredVintages.All);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before the Retry-After of 1 s");
        Assert.Equal(3, _fred.Requests.Count); // the refused request, its retry, one page
        Assert.True(download.Observations > 0);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_fail_clearly_when_they_persist()
    {
        _fred.Fault(500, "oops");
        _fred.Fault(503, "busy");
        using (ServiceProvider services = Services(o => o.RetryDelay = TimeSpan.FromMilliseconds(10)))
        {
            FredDownload download = await services.GetRequiredService<FredClient>().DownloadAsync("PAYEMS", FredVintages.All);
            Assert.True(download.Observations > 0);
            Assert.Equal(4, _fred.Requests.Count);
        }

        for (int i = 0; i < 3; i++)
        {
            _fred.Fault(502, "<html>bad gateway</html>");
        }

        using ServiceProvider failing = Services(o => { o.RetryDelay = TimeSpan.FromMilliseconds(10); o.MaxRetries = 2; });
        FredApiException error = await Assert.ThrowsAsync<FredApiException>(() => failing.GetRequiredService<FredClient>().DownloadAsync("PAYEMS", FredVintages.All));
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("PAYEMS", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_fred.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_series_a_bad_key_and_malformed_JSON_fail_with_what_went_wrong()
    {
        using ServiceProvider services = Services(o => o.RetryDelay = TimeSpan.FromMilliseconds(10));
        FredClient client = services.GetRequiredService<FredClient>();
        FredApiException unknown = await Assert.ThrowsAsync<FredApiException>(() => client.DownloadAsync("NOSUCHSERIES", FredVintages.All));
        Assert.Equal("FRED has no series 'NOSUCHSERIES': Bad Request.  The series does not exist.", unknown.Message);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        _fred.Fault(200, "{\"realtime_start\":\"1776-07-04\",\"seriess\":[{\"id\":\"PAYEMS\"}]}");
        _fred.Fault(200, "{\"count\": 3, \"observations\": [ {\"date\": \"2019-01-01\",");
        DataFormatException malformed = await Assert.ThrowsAsync<DataFormatException>(() => client.DownloadAsync("PAYEMS", FredVintages.All));
        Assert.Contains("series/observations?series_id=PAYEMS", malformed.SourceName, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", malformed.Message, StringComparison.Ordinal);

        using ServiceProvider wrongKey = Services(o => o.ApiKey = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
        FredApiException refused = await Assert.ThrowsAsync<FredApiException>(() => wrongKey.GetRequiredService<FredClient>().DownloadAsync("PAYEMS", FredVintages.All));
        Assert.Contains("api_key is not registered", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("zzzzzzzz", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_without_values_in_the_period_is_an_error_and_nothing_is_written()
    {
        _fred.Add("EMPTY", "nothing", "Monthly", "Index", [new FredObservation("2020-01-01", ".", "2020-02-14", "9999-12-31")]);
        using var folder = new TemporaryFolder();
        using ServiceProvider services = Services(configure: null, lake: folder.Path);
        FredDownload download = await services.GetRequiredService<FredClient>().DownloadAsync("EMPTY", FredVintages.All);
        DataFormatException error = await Assert.ThrowsAsync<DataFormatException>(() => services.GetRequiredService<IngestStage>().RunAsync([download.ToIngestSource()]));
        Assert.Contains("no values for EMPTY", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "bronze")));
    }

    [Fact]
    public async Task Pacing_queues_requests_instead_of_refusing_them()
    {
        using ServiceProvider services = Services(o => { o.RequestsPerMinute = 1200; o.PageSize = 200; });
        FredDownload download = await services.GetRequiredService<FredClient>().DownloadAsync("CPIAUCSL", FredVintages.All);
        Assert.True(download.Responses.Count > 10, $"{download.Responses.Count} responses"); // more than the bucket's 10 tokens: the rest waited their turn
    }

    [Theory]
    [InlineData("all", "1776-07-04", "9999-12-31")]
    [InlineData("2020-03-01", "2020-03-01", "2020-03-01")]
    [InlineData("2019-01-01..2020-12-31", "2019-01-01", "2020-12-31")]
    public void Vintages_parse_and_print_back(string text, string from, string until)
    {
        FredVintages vintages = FredVintages.Parse(text);
        Assert.Equal((from, until), (vintages.From.ToString("yyyy-MM-dd", null), vintages.Until.ToString("yyyy-MM-dd", null)));
        Assert.Equal(text, vintages.ToString());
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("2020-12-31..2020-01-01")]
    [InlineData("2020-13-01")]
    public void Bad_vintages_are_refused(string text) => Assert.Throws<FormatException>(() => FredVintages.Parse(text));

    [Fact]
    public void Options_without_a_key_are_refused_without_echoing_a_bad_one()
    {
        Assert.Contains("ApiKey is not set", Assert.Throws<ArgumentException>(() => new FredClientOptions().Validate()).Message, StringComparison.Ordinal);
        ArgumentException bad = Assert.Throws<ArgumentException>(() => new FredClientOptions { ApiKey = "secret-with-dash" }.Validate());
        Assert.DoesNotContain("secret-with-dash", bad.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(Action<FredClientOptions>? configure, LogSink? logs = null, string? lake = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs ?? new LogSink()).SetMinimumLevel(LogLevel.Trace));
        services.AddMacroLabFred(o =>
        {
            o.ApiKey = _fred.ApiKey;
            o.BaseAddress = _fred.BaseAddress;
            configure?.Invoke(o);
        });
        if (lake is not null)
        {
            services.AddMacroLabData(o => o.Lake = lake);
        }

        return services.BuildServiceProvider();
    }

    private sealed class LogSink : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines { get { lock (_lines) { return [.. _lines]; } } }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception) + exception);
            }
        }

        public void Dispose()
        {
        }
    }
}
