using MacroLab.Telemetry;
using Amazon.SQS;
using MacroLab.Backtest.Strategies;
using MacroLab.Data.Storage;
using MacroLab.Trials;
using MacroLab.Models.Strategies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MacroLab.Worker;

/// <summary>Builds the worker host: configuration from <c>appsettings.json</c>, environment (<c>MacroLab__Worker__QueueUrl</c>) and arguments.</summary>
internal static class WorkerHost
{
    public const string Usage = """
        MacroLab.Worker: runs grid trials from an SQS queue (the consumer of SqsTrialExecutor).

        Settings (environment variable, or --Key=value argument):
          MacroLab__Worker__QueueUrl            the trial queue's URL (required)
          MacroLab__Worker__VisibilityTimeout   how long a received trial stays invisible; renewed while it runs (00:02:00)
          MacroLab__Worker__MaxReceiveCount     the queue's redrive maxReceiveCount: the last delivery records a failure (3)
          MacroLab__Worker__RetryDelay          delay before a failed trial is delivered again, doubling (00:00:10)
          MacroLab__Worker__ReceiveWaitTime     SQS long-polling wait (00:00:20)
          MacroLab__Worker__DrainTimeout        how long a trial may still run after SIGTERM (00:00:25)
          MacroLab__Worker__WorkerId            the name in logs and failure records (host-pid)
          MacroLab__Data__Lake                  the lake holding workloads and results: s3://bucket/prefix or a folder
          MacroLab__Data__S3ServiceUrl, MacroLab__Data__S3Region, MacroLab__Data__S3ForcePathStyle
          MacroLab__Sqs__ServiceUrl, MacroLab__Sqs__Region

        Logs are JSON lines on stdout. SIGTERM stops taking trials and drains the one in progress.
        """;

    public static IHost Build(string[] args)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddMacroLabJsonConsole();
        builder.Services.AddMacroLabOpenTelemetry(builder.Configuration, "macrolab-worker", TrialWorkerMetrics.MeterName);
        builder.Services.AddMacroLabEmbeddedMetrics(builder.Configuration, "MacroLab/Worker", TrialWorkerMetrics.MeterName);
        builder.Services.AddSingleton<TrialWorkerMetrics>();

        var settings = new TrialWorkerOptions();
        builder.Configuration.GetSection("MacroLab:Worker").Bind(settings);
        settings.Validate();
        var sqs = new SqsSettings();
        builder.Configuration.GetSection("MacroLab:Sqs").Bind(sqs);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.DrainTimeout + TimeSpan.FromSeconds(5));
        builder.Services.AddMacroLabData(builder.Configuration.GetSection("MacroLab:Data"));
        builder.Services.AddSingleton<IAmazonSQS>(_ => sqs.CreateClient());
        builder.Services.AddSingleton(provider => new TrialWorker(
            provider.GetRequiredService<IAmazonSQS>(),
            provider.GetRequiredService<IObjectStore>(),
            StrategyCatalog.BuiltIn.WithTiltModels(),
            settings,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<TrialWorker>>(),
            provider.GetRequiredService<TrialWorkerMetrics>()));
        builder.Services.AddHostedService<WorkerService>();
        return builder.Build();
    }
}
