using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MacroLab.Ingest.Lambda.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Ingest.Lambda.Tests;

/// <summary>The ingest function composed as in Lambda (configuration, handler, runtime loop) on a local-folder lake, invoked through the fake Runtime API.</summary>
public sealed class IngestInvocationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string LakePath => _folder.File("lake");

    [Fact]
    public async Task An_inline_fred_md_vintage_is_ingested_into_bronze_and_silver_and_a_repeat_is_unchanged()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using ServiceProvider services = Compose();
        await using RuntimeRun run = RuntimeRun.Start(api, services.GetRequiredService<ILambdaHandler>);
        string payload = InlineEvent("fredmd", "2023-06.csv", File.ReadAllText(Repository.Sample("fred_md", "2023-06.csv")), vintage: "2023-06", releasedOn: "2023-06-28");

        InvocationOutcome first = await api.OutcomeAsync(api.Enqueue(payload, TimeSpan.FromMinutes(2)));
        Assert.False(first.IsError, first.Body);
        Dictionary<string, string> afterFirst = Snapshot();
        InvocationOutcome second = await api.OutcomeAsync(api.Enqueue(payload, TimeSpan.FromMinutes(2)));

        using JsonDocument response = JsonDocument.Parse(first.Body);
        JsonElement dataset = Assert.Single(response.RootElement.GetProperty("datasets").EnumerateArray());
        Assert.Equal("Written", dataset.GetProperty("status").GetString());
        Assert.Equal("2023-06", dataset.GetProperty("vintage").GetString());
        Assert.True(dataset.GetProperty("rows").GetInt64() > 50_000, first.Body);
        Assert.True(dataset.GetProperty("series").GetInt32() > 100, first.Body);
        Assert.Equal(new Uri(LakePath + "/").AbsoluteUri, response.RootElement.GetProperty("lake").GetString());
        Assert.StartsWith("lambda-inline:", response.RootElement.GetProperty("origin").GetString(), StringComparison.Ordinal);
        Assert.Contains(afterFirst.Keys, path => path.StartsWith("bronze/", StringComparison.Ordinal));
        Assert.Contains(afterFirst.Keys, path => path.StartsWith("silver/", StringComparison.Ordinal) && path.EndsWith(".parquet", StringComparison.Ordinal));

        Assert.False(second.IsError, second.Body);
        using JsonDocument repeat = JsonDocument.Parse(second.Body);
        Assert.Equal("Unchanged", repeat.RootElement.GetProperty("datasets")[0].GetProperty("status").GetString());
        Assert.Equal(afterFirst, Snapshot());
    }

    public static TheoryData<string, string> MalformedEvents => new()
    {
        { "not json", "not JSON (line 1" },
        { "[1,2]", "$ must be an object" },
        { "{\"dataset\":\"x\",\"inline\":{\"fileName\":\"a.csv\",\"text\":\"a\"}}", "$.format is required" },
        { "{\"format\":\"bloomberg\",\"inline\":{\"fileName\":\"a.csv\",\"text\":\"a\"}}", "$.format 'bloomberg' is not a source format" },
        { "{\"format\":\"fredmd\"}", "exactly one of $.object" },
        { "{\"format\":\"fredmd\",\"object\":{\"bucket\":\"b\",\"key\":\"k\"},\"inline\":{\"fileName\":\"a.csv\",\"text\":\"a\"}}", "exactly one of $.object" },
        { "{\"format\":\"fredmd\",\"object\":{\"bucket\":\"b\"}}", "$.object.key is required" },
        { "{\"format\":\"fredmd\",\"object\":{\"bucket\":7,\"key\":\"k\"}}", "$.object.bucket must be a string" },
        { "{\"format\":\"fredmd\",\"releasedOn\":\"28/06/2023\",\"inline\":{\"fileName\":\"a.csv\",\"text\":\"a\"}}", "$.releasedOn '28/06/2023' is not a yyyy-MM-dd date" },
        { "{\"format\":\"fredmd\",\"inline\":{\"fileName\":\"a.csv\",\"base64\":\"***\"}}", "$.inline.base64 is not valid base64" },
        { "{\"format\":\"fredmd\",\"inline\":{\"fileName\":\"a.csv\",\"text\":\"a\",\"base64\":\"YQ==\"}}", "exactly one of $.inline.text and $.inline.base64" },
        { "{\"Records\":[]}", "$.Records must hold exactly one S3 record" },
        { "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"raw\"},\"object\":{\"key\":\"fred_md.csv\"}}}]}", "must end in <format>/<dataset>/<file>" },
        { "{\"source\":\"aws.s3\",\"detail-type\":\"Object Deleted\",\"detail\":{}}", "only S3 'Object Created' events are accepted" },
        { "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{\"bucket\":{\"name\":\"raw\"}}}", "$.detail.object is required" },
        { "{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}", "$.Records[0].s3 is required" },
        { "{\"fetch\":{\"source\":\"bloomberg\",\"series\":\"X\"}}", "$.fetch.source 'bloomberg' is not a data service" },
        { "{\"fetch\":{\"source\":\"fred\"}}", "$.fetch.series is required" },
        { "{\"fetch\":{\"source\":\"fred\",\"series\":\"CPI AUCSL\"}}", "must name FRED series ids" },
        { "{\"fetch\":{\"source\":\"fred\",\"series\":[\"CPIAUCSL\",7]}}", "$.fetch.series[1] must be a string" },
        { "{\"fetch\":{\"source\":\"fred\",\"series\":\"CPIAUCSL\",\"vintages\":\"latest\"}}", "$.fetch.vintages: 'latest' is not a set of vintages" },
    };

    [Theory]
    [MemberData(nameof(MalformedEvents))]
    public async Task A_malformed_event_is_an_invalid_event_error_naming_the_json_path_and_writes_nothing(string payload, string expected)
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using ServiceProvider services = Compose();
        await using RuntimeRun run = RuntimeRun.Start(api, services.GetRequiredService<ILambdaHandler>);

        InvocationOutcome outcome = await api.OutcomeAsync(api.Enqueue(payload, TimeSpan.FromMinutes(1)));

        Assert.True(outcome.IsError);
        Assert.Equal("MacroLab.InvalidEvent", outcome.ErrorTypeHeader);
        using JsonDocument body = JsonDocument.Parse(outcome.Body);
        Assert.Contains(expected, body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Empty(Snapshot());
    }

    [Fact]
    public async Task A_malformed_csv_is_a_data_format_error_naming_file_line_and_field_and_leaves_the_lake_as_it_was()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using ServiceProvider services = Compose();
        await using RuntimeRun run = RuntimeRun.Start(api, services.GetRequiredService<ILambdaHandler>);
        string good = File.ReadAllText(Repository.Sample("fred_md", "2019-10.csv"));
        Assert.False((await api.OutcomeAsync(api.Enqueue(InlineEvent("fredmd", "2019-10.csv", good, "2019-10", "2019-10-30"), TimeSpan.FromMinutes(2)))).IsError);
        Dictionary<string, string> before = Snapshot();

        // The fourth line's INDPRO is not a number.
        string[] lines = File.ReadAllLines(Repository.Sample("fred_md", "2023-06.csv"));
        int indpro = Array.IndexOf(lines[0].Split(','), "INDPRO");
        string[] fields = lines[3].Split(',');
        fields[indpro] = "n/a!";
        lines[3] = string.Join(',', fields);
        InvocationOutcome outcome = await api.OutcomeAsync(api.Enqueue(InlineEvent("fredmd", "2023-06.csv", string.Join('\n', lines), "2023-06", "2023-06-28"), TimeSpan.FromMinutes(2)));

        Assert.True(outcome.IsError);
        Assert.Equal("MacroLab.DataFormat", outcome.ErrorTypeHeader);
        string message = JsonDocument.Parse(outcome.Body).RootElement.GetProperty("errorMessage").GetString()!;
        Assert.Contains("/2023-06.csv:4: column 'INDPRO'", message, StringComparison.Ordinal);
        Assert.Contains("n/a!", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task An_invocation_too_close_to_its_deadline_is_stopped_and_leaves_the_lake_as_it_was()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using ServiceProvider services = Compose();
        await using RuntimeRun run = RuntimeRun.Start(api, services.GetRequiredService<ILambdaHandler>);
        string payload = InlineEvent("fredmd", "2023-06.csv", File.ReadAllText(Repository.Sample("fred_md", "2023-06.csv")), "2023-06", "2023-06-28");

        // 100 ms is inside the runtime's 500 ms margin: the handler's token is cancelled before it starts, whatever the
        // machine's load (a budget of a few milliseconds would depend on when the timer fires on a busy thread pool).
        InvocationOutcome outcome = await api.OutcomeAsync(api.Enqueue(payload, TimeSpan.FromMilliseconds(100)));

        Assert.True(outcome.IsError, outcome.Body);
        Assert.Equal("MacroLab.DeadlineExceeded", outcome.ErrorTypeHeader);
        Assert.Contains("lake left as it was", outcome.Body, StringComparison.Ordinal);
        Assert.Empty(Snapshot());
    }

    [Fact]
    public async Task A_scheduled_fetch_puts_every_vintage_in_the_lake_and_an_unknown_series_writes_nothing()
    {
        await using FakeFredApi fred = await FakeFredApi.StartAsync();
        fred.FromBundledArchive("CPIAUCSL", "PAYEMS");
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using ServiceProvider services = Compose(("MacroLab:Fred:ApiKey", fred.ApiKey), ("MacroLab:Fred:BaseAddress", fred.BaseAddress.ToString()),
            ("MacroLab:Fred:PageSize", "1000"), ("MacroLab:Fred:RetryDelay", "00:00:00.010"));
        await using RuntimeRun run = RuntimeRun.Start(api, services.GetRequiredService<ILambdaHandler>);

        InvocationOutcome fetched = await api.OutcomeAsync(api.Enqueue("""{"fetch":{"source":"fred","series":"CPIAUCSL,PAYEMS","vintages":"all"}}""", TimeSpan.FromMinutes(2)));
        Assert.False(fetched.IsError, fetched.Body);
        using JsonDocument response = JsonDocument.Parse(fetched.Body);
        Assert.Equal(["silver/observations/fred-api/CPIAUCSL", "silver/observations/fred-api/PAYEMS"],
            response.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("silver").GetString()));
        Assert.Equal("fred:CPIAUCSL,PAYEMS@all", response.RootElement.GetProperty("origin").GetString());
        Assert.Contains(Snapshot().Keys, k => k.StartsWith("bronze/fred-api/CPIAUCSL.part2/", StringComparison.Ordinal));
        Dictionary<string, string> before = Snapshot();

        InvocationOutcome unknown = await api.OutcomeAsync(api.Enqueue("""{"fetch":{"source":"fred","series":["PAYEMS","NOSUCH"]}}""", TimeSpan.FromMinutes(2)));
        Assert.True(unknown.IsError);
        Assert.Equal("MacroLab.Fetch", unknown.ErrorTypeHeader);
        Assert.Contains("FRED has no series 'NOSUCH'", JsonDocument.Parse(unknown.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fred.ApiKey, unknown.Body, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_fetch_without_a_key_is_a_configuration_error()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using ServiceProvider services = Compose();
        await using RuntimeRun run = RuntimeRun.Start(api, services.GetRequiredService<ILambdaHandler>);

        InvocationOutcome outcome = await api.OutcomeAsync(api.Enqueue("""{"fetch":{"source":"fred","series":"PAYEMS"}}""", TimeSpan.FromMinutes(1)));
        Assert.True(outcome.IsError);
        Assert.Equal("MacroLab.Configuration", outcome.ErrorTypeHeader);
        Assert.Contains("MacroLab__Fred__ApiKeySecret", outcome.Body, StringComparison.Ordinal);
        Assert.Empty(Snapshot());
    }

    [Fact]
    public async Task A_lake_setting_that_does_not_validate_is_an_init_error_naming_it()
    {
        await using FakeLambdaRuntimeApi api = await FakeLambdaRuntimeApi.StartAsync();
        await using ServiceProvider services = Compose(("MacroLab:Data:Lake", "s3://"));
        await using RuntimeRun run = RuntimeRun.Start(api, services.GetRequiredService<ILambdaHandler>);

        InvocationOutcome error = await api.InitErrorAsync();

        Assert.Contains("Lake", error.Body, StringComparison.Ordinal);
        Assert.Equal("OptionsValidationException", error.ErrorTypeHeader);
        Assert.Equal(1, await run.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    internal static string InlineEvent(string format, string fileName, string text, string? vintage = null, string? releasedOn = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", format);
            if (vintage is not null)
            {
                writer.WriteString("vintage", vintage);
            }

            if (releasedOn is not null)
            {
                writer.WriteString("releasedOn", releasedOn);
            }

            writer.WriteStartObject("inline");
            writer.WriteString("fileName", fileName);
            writer.WriteString("text", text);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private ServiceProvider Compose(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?> { ["MacroLab:Data:Lake"] = LakePath };
        foreach ((string key, string value) in overrides)
        {
            settings[key] = value;
        }

        return IngestFunction.Compose(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    /// <summary>Every file under the lake (relative path, forward slashes) with its SHA-256.</summary>
    private Dictionary<string, string> Snapshot() =>
        !Directory.Exists(LakePath)
            ? []
            : Directory.EnumerateFiles(LakePath, "*", SearchOption.AllDirectories).ToDictionary(
                path => Path.GetRelativePath(LakePath, path).Replace('\\', '/'),
                path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))),
                StringComparer.Ordinal);
}
