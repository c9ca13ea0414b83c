namespace MacroLab.Cli.Tests;

/// <summary>
/// <c>macrolab fetch</c> against the fake FRED API on loopback. In the moto collection (whose tests run one at a time),
/// because the key comes from the process environment or from a secret on moto.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class FetchCommandTests : IAsyncLifetime
{
    private readonly MotoServer _moto;
    private FakeFredApi _fred = null!;

    public FetchCommandTests(MotoServer moto) => _moto = moto;

    public async Task InitializeAsync()
    {
        _fred = await FakeFredApi.StartAsync();
        _fred.FromBundledArchive("CPIAUCSL", "PAYEMS");
        Environment.SetEnvironmentVariable("FRED_API_KEY", _fred.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("FRED_API_KEY", null);
        await _fred.DisposeAsync();
    }

    [Fact]
    public async Task Fetch_puts_every_vintage_in_the_lake_and_a_second_fetch_changes_nothing()
    {
        using var folder = new TemporaryFolder();
        string lake = folder.File("lake");
        (int code, string output, string error) = await Fetch(lake, "CPIAUCSL,PAYEMS");
        Assert.True(code == 0, error);
        Assert.Contains("silver/observations/fred-api/CPIAUCSL", output, StringComparison.Ordinal);
        Assert.Contains("silver/observations/fred-api/PAYEMS", output, StringComparison.Ordinal);
        Assert.Contains("fetched CPIAUCSL", error, StringComparison.Ordinal);
        // One Bronze object per response: the metadata, then each page of observations beside it.
        Assert.Single(Directory.GetFiles(Path.Combine(lake, "bronze", "fred-api", "CPIAUCSL"), "series.json", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(Path.Combine(lake, "bronze", "fred-api", "CPIAUCSL.part2"), "observations-1.json", SearchOption.AllDirectories));
        Assert.DoesNotContain(_fred.ApiKey, string.Concat(Directory.EnumerateFiles(lake, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".parquet", StringComparison.Ordinal)).Select(File.ReadAllText)), StringComparison.Ordinal);

        (code, output, _) = await Fetch(lake, "CPIAUCSL,PAYEMS");
        Assert.Equal(0, code);
        Assert.Equal(2, output.Split("unchanged").Length - 1);
    }

    [Fact]
    public async Task An_unknown_series_among_good_ones_writes_nothing_and_exits_66()
    {
        using var folder = new TemporaryFolder();
        string lake = folder.File("lake");
        (int code, _, string error) = await Fetch(lake, "CPIAUCSL,NOTASERIES");
        Assert.Equal(66, code);
        Assert.Contains("FRED has no series 'NOTASERIES'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(lake, "bronze")));
    }

    [Fact]
    public async Task A_service_that_keeps_failing_exits_69_and_a_bad_command_line_64()
    {
        using var folder = new TemporaryFolder();
        for (int i = 0; i < 2; i++)
        {
            _fred.Fault(503, "down for maintenance", retryAfter: "0");
        }

        (int code, _, string error) = await Fetch(folder.File("lake"), "PAYEMS", "--retries", "1");
        Assert.Equal(69, code);
        Assert.Contains("FRED kept failing for PAYEMS after 1 retries", error, StringComparison.Ordinal);

        Assert.Equal(64, (await Fetch(folder.File("lake"), "PAYEMS", "--vintages", "latest")).ExitCode);
        Environment.SetEnvironmentVariable("FRED_API_KEY", null);
        (code, _, error) = await Fetch(folder.File("lake"), "PAYEMS");
        Assert.Equal(64, code);
        Assert.Contains("No FRED API key", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_key_can_come_from_a_Secrets_Manager_secret()
    {
        MotoServer.SkipIfUnavailable();
        Environment.SetEnvironmentVariable("FRED_API_KEY", null);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        string name = $"macrolab/fred-{Guid.NewGuid():N}";
        await MotoJsonApi.CreateSecretAsync(_moto.Endpoint, name, $"{{\"apiKey\":\"{_fred.ApiKey}\"}}");
        using var folder = new TemporaryFolder();

        (int code, _, string error) = await Fetch(folder.File("lake"), "PAYEMS", "--api-key-secret", name, "--ssm-endpoint", _moto.Endpoint);
        Assert.True(code == 0, error);

        (code, _, error) = await Fetch(folder.File("lake"), "PAYEMS", "--api-key-secret", "macrolab/none", "--ssm-endpoint", _moto.Endpoint);
        Assert.Equal(64, code);
        Assert.Contains("The secret 'macrolab/none' does not exist", error, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Error)> Fetch(string lake, string series, params string[] more) =>
        Cli.RunAsync(["fetch", "--source", "fred", "--series", series, "--vintages", "all", "--fred-url", _fred.BaseAddress.ToString(), "--lake", lake, .. more]);
}
