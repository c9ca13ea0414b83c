using System.CommandLine;
using MacroLab.Connectors.Fred;
using MacroLab.Data.Stages;
using MacroLab.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace MacroLab.Cli.Commands;

/// <summary>
/// <c>macrolab fetch</c>: series with every vintage from the FRED/ALFRED API into the lake: each response byte for byte in
/// Bronze with its request (the key removed), the observations in Silver, each known from the start of the real-time period
/// in which its value held. All series or none: a failure leaves the lake as it was.
/// </summary>
internal static class FetchCommand
{
    /// <summary>The environment variable that holds the FRED API key.</summary>
    public const string ApiKeyVariable = "FRED_API_KEY";

    public static Command Create(CliConsole console)
    {
        var source = new Option<string>("--source") { Description = "The data service: fred (FRED/ALFRED, api.stlouisfed.org).", Required = true };
        source.AcceptOnlyFromAmong("fred");
        var series = new Option<string>("--series")
        {
            Description = "The FRED series ids, comma-separated (e.g. CPIAUCSL,PAYEMS); each becomes the dataset bronze/fred-api/<id> and silver/.../fred-api/<id>.",
            Required = true,
            HelpName = "id,id,...",
        };
        var vintages = new Option<string>("--vintages")
        {
            Description = "Which vintages: all (every vintage ALFRED keeps, with its exact date), yyyy-MM-dd (the data as they stood that day) or yyyy-MM-dd..yyyy-MM-dd (the vintages of that real-time period; a value current at its start is dated at its start).",
            DefaultValueFactory = _ => "all",
            HelpName = "all|yyyy-MM-dd[..yyyy-MM-dd]",
        };
        var secret = new Option<string?>("--api-key-secret")
        {
            Description = $"Read the API key from this AWS Secrets Manager secret (its text, or its JSON property apiKey) instead of the environment variable {ApiKeyVariable}.",
            HelpName = "secret id",
        };
        var ssmEndpoint = new Option<string?>("--ssm-endpoint") { Description = "The Systems Manager endpoint for --api-key-secret, e.g. an emulator's.", HelpName = "url" };
        var url = new Option<string?>("--fred-url")
        {
            Description = "The FRED API's root (default https://api.stlouisfed.org/fred/), e.g. a proxy.",
            HelpName = "url",
        };
        var retries = new Option<int>("--retries") { Description = "Retries of a transient failure (5xx, 429, timeout), with exponential backoff or the server's Retry-After.", DefaultValueFactory = _ => 5 };
        var force = new Option<bool>("--force") { Description = "Rewrite Silver even when the responses are unchanged." };
        var lake = new LakeOptions();
        var command = new Command("fetch", "Fetch series with their vintages from a data service (FRED/ALFRED) into the lake: the responses as received in Bronze, the observations in Silver, all or nothing.")
        {
            source, series, vintages, secret, ssmEndpoint, url, retries, force,
        };
        lake.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            string[] ids = [.. parse.GetRequiredValue(series).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
            if (ids.Length == 0)
            {
                throw new UsageException("--series names no series.");
            }

            FredVintages real;
            try
            {
                real = FredVintages.Parse(parse.GetRequiredValue(vintages));
            }
            catch (FormatException error)
            {
                throw new UsageException($"--vintages: {error.Message}");
            }

            Uri? baseAddress = parse.GetValue(url) is { } text
                ? Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out Uri? parsed) ? parsed : throw new UsageException($"--fred-url '{text}' is not an absolute URL.")
                : null;
            string key = await ApiKeyAsync(parse.GetValue(secret), parse.GetValue(ssmEndpoint), cancellationToken);
            using ServiceProvider services = lake.Services(parse)
                .AddMacroLabFred(o =>
                {
                    o.ApiKey = key;
                    o.BaseAddress = baseAddress ?? FredClientOptions.DefaultBaseAddress;
                    o.MaxRetries = parse.GetValue(retries);
                })
                .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            lake.Check(parse, mustExist: false);
            FredClient client = services.GetRequiredService<FredClient>();
            var sources = new List<IngestSource>(ids.Length);
            foreach (string id in ids)
            {
                FredDownload download = await client.DownloadAsync(id, real, cancellationToken);
                console.Error.Profile.Out.Writer.WriteLine($"fetched {id}: {download.Observations} observations in {download.Responses.Count - 1} page(s), vintages {real}");
                sources.Add(download.ToIngestSource());
            }

            IngestStage stage = services.GetRequiredService<IngestStage>();
            IReadOnlyList<IngestedDataset> result = await SpectreProgress.RunAsync(console.Error, "ingest",
                progress => stage.RunAsync(sources, parse.GetValue(force), progress, cancellationToken));
            Summaries.Ingest(console.Out, result);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<string> ApiKeyAsync(string? secretId, string? ssmEndpoint, CancellationToken cancellationToken)
    {
        if (secretId is not null)
        {
            try
            {
                return await SecretReference.GetAsync(secretId, "apiKey", ssmEndpoint, cancellationToken);
            }
            catch (InvalidOperationException error)
            {
                throw new UsageException($"--api-key-secret: {error.Message}");
            }
        }

        return Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key
            ? key.Trim()
            : throw new UsageException($"No FRED API key: set {ApiKeyVariable} or give --api-key-secret <secret id> (a free key comes from fred.stlouisfed.org).");
    }
}
