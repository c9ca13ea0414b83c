using System.CommandLine;
using System.Globalization;
using MacroLab.Api;
using MacroLab.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab serve</c>: the inference API on 127.0.0.1 over a local (or S3) lake and its registry.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "The registered model to serve.", DefaultValueFactory = _ => new PipelineConfig().Name, HelpName = "name" };
        var alias = new Option<string>("--alias") { Description = "The alias to follow; when it moves the API switches blue/green.", DefaultValueFactory = _ => "champion", HelpName = "alias" };
        var shadow = new Option<string?>("--shadow-alias") { Description = "Also score a copy of every request with this alias's version (e.g. challenger) and log both; clients see only the served answer.", HelpName = "alias" };
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (0 for any free port).", DefaultValueFactory = _ => 8080, HelpName = "port" };
        var poll = new Option<double>("--poll-seconds") { Description = "How often to ask the registry where the alias points.", DefaultValueFactory = _ => 15, HelpName = "seconds" };
        var maxRows = new Option<int>("--max-batch-rows") { Description = "The most rows per request.", DefaultValueFactory = _ => 1024, HelpName = "n" };
        var noLog = new Option<bool>("--no-prediction-log") { Description = "Do not append scored rows to the lake's prediction log (logs/predictions/)." };
        var lake = new LakeOptions();
        var registry = new RegistryCliOptions();
        var command = new Command("serve",
            "Serve the model an alias points to over HTTP on 127.0.0.1: POST /v2/models/<model>/infer (Open Inference Protocol), POST /v1/predict (rows by feature name), " +
            "GET /v2/models/<model>, /healthz, /readyz, /openapi/v1.json. Loads the ONNX export from the registry (SHA-256 verified), warms it against its model card, switches " +
            "blue/green when the alias moves (polling, or POST /admin/reload with header X-MacroLab-Admin-Key set from the MACROLAB_ADMIN_KEY environment variable), logs predictions " +
            "to the lake for 'macrolab drift', and writes JSON logs. Stops on Ctrl+C or SIGTERM after finishing in-flight requests and flushing the log.")
        {
            model, alias, shadow, port, poll, maxRows, noLog,
        };
        lake.AddTo(command);
        registry.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            int chosenPort = parse.GetValue(port);
            if (chosenPort is < 0 or > 65535)
            {
                throw new UsageException($"--port must be 0 .. 65535 (got {chosenPort}).");
            }

            lake.Check(parse, mustExist: true);
            string lakeLocation = parse.GetValue(lake.Lake) ?? LakeOptions.DefaultLake;
            string? endpoint = parse.GetValue(lake.S3Endpoint);
            string backend = parse.GetValue(registry.Backend) ?? "sqlite";
            if (backend is not ("sqlite" or "dynamodb"))
            {
                throw new UsageException($"--registry must be sqlite or dynamodb (got '{backend}').");
            }

            var settings = new Dictionary<string, string?>
            {
                ["MacroLab:Data:Lake"] = lakeLocation,
                ["MacroLab:Data:S3ServiceUrl"] = endpoint,
                ["MacroLab:Data:S3ForcePathStyle"] = endpoint is null ? "false" : "true",
                ["MacroLab:Data:S3Region"] = parse.GetValue(lake.S3Region) ?? (endpoint is null ? null : "us-east-1"),
                ["MacroLab:Registry:Backend"] = backend == "dynamodb" ? "DynamoDb" : "Sqlite",
                ["MacroLab:Registry:SqlitePath"] = parse.GetValue(registry.SqliteFile)?.FullName,
                ["MacroLab:Registry:DynamoDbTable"] = parse.GetValue(registry.Table) ?? "macrolab-registry",
                ["MacroLab:Registry:DynamoDbServiceUrl"] = parse.GetValue(registry.Endpoint),
                ["MacroLab:Registry:DynamoDbRegion"] = parse.GetValue(lake.S3Region) ?? (parse.GetValue(registry.Endpoint) is null ? null : "us-east-1"),
                ["MacroLab:Registry:CreateDynamoDbTable"] = parse.GetValue(registry.CreateTable) ? "true" : "false",
                ["MacroLab:Serving:Model"] = parse.GetValue(model),
                ["MacroLab:Serving:Alias"] = parse.GetValue(alias),
                ["MacroLab:Serving:ShadowAlias"] = parse.GetValue(shadow),
                ["MacroLab:Serving:PollInterval"] = TimeSpan.FromSeconds(parse.GetValue(poll)).ToString("c", CultureInfo.InvariantCulture),
                ["MacroLab:Serving:MaxBatchRows"] = parse.GetValue(maxRows).ToString(CultureInfo.InvariantCulture),
                ["MacroLab:Serving:AdminKey"] = Environment.GetEnvironmentVariable("MACROLAB_ADMIN_KEY"),
                ["MacroLab:Serving:PredictionLog:Enabled"] = parse.GetValue(noLog) ? "false" : "true",
            };
            if (lakeLocation.StartsWith("s3://", StringComparison.Ordinal) && backend == "sqlite" && settings["MacroLab:Registry:SqlitePath"] is null)
            {
                throw new UsageException("an s3:// lake cannot hold the embedded SQLite registry: pass --registry dynamodb (with --registry-table), or --registry-file <local file>.");
            }

            WebApplication app = ApiHost.Build(["--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{chosenPort}")],
                b => b.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null)));
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                foreach (string url in app.Urls)
                {
                    console.Out.WriteLine($"serving {parse.GetValue(model)}@{parse.GetValue(alias)} on {url} (Ctrl+C to stop)");
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: stop gracefully below.
                }

                await app.StopAsync(CancellationToken.None);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
