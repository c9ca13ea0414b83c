using MacroLab.Telemetry;
using System.Security.Cryptography;
using System.Text;
using MacroLab.Api.Contracts;
using MacroLab.Api.Decisions;
using MacroLab.Api.Inference;
using MacroLab.Api.Serving;
using MacroLab.Api.Telemetry;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;
using Microsoft.Extensions.Options;

namespace MacroLab.Api;

/// <summary>
/// Builds the inference API: configuration (<c>MacroLab:Serving</c>, <c>MacroLab:Data</c>, <c>MacroLab:Registry</c> from
/// appsettings, environment variables <c>MacroLab__Serving__Model</c> or the command line), services, and endpoints.
/// </summary>
public static class ApiHost
{
    /// <summary>The header that carries the admin key.</summary>
    public const string AdminKeyHeader = "X-MacroLab-Admin-Key";

    /// <summary>Builds the application; <paramref name="configure"/> may add configuration or services before it is built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddMacroLabJsonConsole();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);

        IConfigurationSection serving = builder.Configuration.GetSection(ServingOptions.Section);
        builder.Services.AddOptions<ServingOptions>().Bind(serving).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());
        builder.Services.AddMacroLabData(builder.Configuration.GetSection("MacroLab:Data"));
        builder.Services.AddMacroLabRegistry(builder.Configuration.GetSection("MacroLab:Registry"));
        builder.Services.AddMacroLabScoring(builder.Configuration.GetSection("MacroLab:Scoring"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiMetrics>();
        builder.Services.AddSingleton<ModelRouter>();
        builder.Services.AddSingleton<ModelLoader>();
        builder.Services.AddSingleton<ModelDeployment>();
        builder.Services.AddHostedService<ModelEvents>();
        builder.Services.AddSingleton<PredictionLogWriter>();
        builder.Services.AddSingleton<ShadowScorer>();
        builder.Services.AddSingleton<InferenceEndpoints>();
        builder.Services.AddSingleton<DecisionBook>();
        builder.Services.AddSingleton<DecisionEndpoints>();
        builder.Services.AddCallerAccess();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PredictionLogWriter>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShadowScorer>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelDeployment>());
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        long maxBytes = serving.GetValue<long?>(nameof(ServingOptions.MaxRequestBytes)) ?? new ServingOptions().MaxRequestBytes;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = maxBytes;
        });

        // Metrics leave the process only where an OpenTelemetry collector is configured (e.g. the ADOT sidecar on Fargate).
        builder.Services.AddMacroLabOpenTelemetry(builder.Configuration, "macrolab-api", ApiMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
        builder.Services.AddMacroLabEmbeddedMetrics(builder.Configuration, "MacroLab/Api", ApiMetrics.MeterName);

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        Map(app);
        return app;
    }

    /// <summary>Builds and runs the API until SIGTERM or Ctrl+C: stops accepting, finishes in-flight requests, flushes the prediction log.</summary>
    public static Task RunAsync(string[] args, CancellationToken cancellationToken = default) => Build(args).RunAsync(cancellationToken);

    private static void Map(WebApplication app)
    {
        ServingOptions options = app.Services.GetRequiredService<IOptions<ServingOptions>>().Value;
        ModelRouter router = app.Services.GetRequiredService<ModelRouter>();
        ModelDeployment deployment = app.Services.GetRequiredService<ModelDeployment>();
        InferenceEndpoints inference = app.Services.GetRequiredService<InferenceEndpoints>();
        DecisionEndpoints decisions = app.Services.GetRequiredService<DecisionEndpoints>();
        IHostApplicationLifetime lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();

        app.MapPost("/v2/models/{name}/infer", (HttpContext context, string name) => inference.InferAsync(context, name))
            .WithName("Infer").WithSummary("Scores a batch (Open Inference Protocol).")
            .AddOpenApiOperationTransformer(JsonBody<InferRequest>)
            .Produces<InferResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503)
            .RequireCaller();
        app.MapPost("/v1/predict", (Delegate)((HttpContext context) => inference.PredictAsync(context)))
            .WithName("Predict").WithSummary("Scores feature rows given by name.")
            .AddOpenApiOperationTransformer(JsonBody<PredictRequest>)
            .Produces<PredictResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503)
            .RequireCaller();
        app.MapGet("/v1/decisions/latest", (CancellationToken cancellationToken) => decisions.LatestAsync(cancellationToken))
            .WithName("LatestDecision").WithSummary("The newest decision of the served alias's book: target and held weights per asset, the version, the inputs' vintages and imputations.")
            .Produces<DecisionResponse>().ProducesProblem(401).ProducesProblem(404).ProducesProblem(429)
            .RequireCaller();
        app.MapGet("/v1/decisions/{date}", (string date, CancellationToken cancellationToken) => decisions.AtAsync(date, cancellationToken))
            .WithName("DecisionAt").WithSummary("The decision of one date (yyyy-MM-dd) of the served alias's book.")
            .Produces<DecisionResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(429)
            .RequireCaller();
        app.MapGet("/v2/models/{name}", (string name) => Metadata(name, options, router))
            .WithName("ModelMetadata").WithSummary("The served version's signature.").Produces<ModelMetadata>().ProducesProblem(401).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503)
            .RequireCaller();
        app.MapGet("/v2/models/{name}/ready", (string name) => name != options.Model ? UnknownModel(name, options)
                : router.Primary is null ? Results.StatusCode(503) : Results.Ok())
            .WithName("ModelReady").WithSummary("200 once the model is loaded and warmed.");
        app.MapGet("/healthz", () => Results.Ok(new HealthStatus("alive", options.Model, router.Primary?.Version, null)))
            .WithName("Liveness").WithSummary("200 while the process runs.").Produces<HealthStatus>();
        app.MapGet("/readyz", () => Ready(options, router, deployment, lifetime))
            .WithName("Readiness").WithSummary("200 only after a version is loaded and warmed, and until shutdown begins.").Produces<HealthStatus>().Produces<HealthStatus>(503);
        app.MapGet("/v2/health/live", () => Results.Ok()).WithName("OipLive");
        app.MapGet("/v2/health/ready", () => Ready(options, router, deployment, lifetime)).WithName("OipReady");
        app.MapPost("/admin/reload", (Delegate)((HttpContext context) => ReloadAsync(context, options, deployment)))
            .WithName("Reload").WithSummary("Asks the registry now and switches blue/green if the alias moved (header X-MacroLab-Admin-Key).")
            .Produces<IReadOnlyList<ModelSwitch>>().ProducesProblem(401).ProducesProblem(404);
        app.MapOpenApi();
    }

    /// <summary>
    /// Documents a JSON request body. (Not <c>Accepts</c>: its metadata makes routing answer other media types with a bare
    /// 415 before the endpoint runs, and the endpoint's own 415 names the header at fault.)
    /// </summary>
    private static async Task JsonBody<T>(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
            },
        };
    }

    private static IResult Metadata(string name, ServingOptions options, ModelRouter router)
    {
        if (name != options.Model)
        {
            return UnknownModel(name, options);
        }

        if (router.Primary is not { } model)
        {
            return Results.Problem(statusCode: 503, title: "No model loaded", detail: $"No version of '{options.Model}' is loaded yet.");
        }

        int features = model.FeatureCount, lookback = model.Scorer.Lookback;
        int[] input = lookback == 1 ? [-1, features] : [-1, lookback, features];
        return Results.Ok(new ModelMetadata(model.Name, [model.VersionText], "onnxruntime_onnx",
            [new TensorMetadata(RequestParser.InputName, "FP32", input)], [new TensorMetadata(RequestParser.OutputName, "FP32", [-1, model.Scorer.Assets.Count])],
            new ModelParameters(model.Alias, model.Sha256, lookback, model.Scorer.FeatureNames, model.Scorer.Assets, options.MaxBatchRows)));
    }

    private static IResult Ready(ServingOptions options, ModelRouter router, ModelDeployment deployment, IHostApplicationLifetime lifetime)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Results.Json(new HealthStatus("stopping", options.Model, router.Primary?.Version, "shutting down: finishing in-flight requests"), statusCode: 503);
        }

        return router.Primary is { } model
            ? Results.Ok(new HealthStatus("ready", model.Name, model.Version, null))
            : Results.Json(new HealthStatus("loading", options.Model, null, deployment.LastError ?? $"loading {options.Model}@{options.Alias}"), statusCode: 503);
    }

    private static async Task<IResult> ReloadAsync(HttpContext context, ServingOptions options, ModelDeployment deployment)
    {
        if (options.AdminKey is null)
        {
            return Results.NotFound();
        }

        byte[] expected = Encoding.UTF8.GetBytes(options.AdminKey);
        byte[] given = Encoding.UTF8.GetBytes(context.Request.Headers[AdminKeyHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(expected), SHA256.HashData(given)))
        {
            return Results.Problem(statusCode: 401, title: "Unauthorized", detail: $"The {AdminKeyHeader} header is missing or wrong.");
        }

        IReadOnlyList<ModelSwitch> switches = await deployment.RefreshAsync("admin", context.RequestAborted);
        return switches.Any(s => s.Error is not null)
            ? Results.Problem(statusCode: 502, title: "Reload failed", detail: string.Join("; ", switches.Where(s => s.Error is not null).Select(s => s.Error)),
                extensions: new Dictionary<string, object?> { ["switches"] = switches })
            : Results.Ok(switches);
    }

    private static IResult UnknownModel(string name, ServingOptions options) =>
        Results.Problem(statusCode: 404, title: "Unknown model", detail: $"This server serves '{options.Model}', not '{name}'.", extensions: new Dictionary<string, object?> { ["field"] = "name" });
}
