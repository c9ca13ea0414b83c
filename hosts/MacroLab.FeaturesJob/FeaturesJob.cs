using MacroLab.Telemetry;
using System.Text.Json;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MacroLab.FeaturesJob;

/// <summary>
/// One run of the feature stage on the configured lake: JSON logs on stderr, one JSON result line on stdout, and the
/// CLI's exit codes (0 done, 64 bad settings, 65 malformed data, 66 no Silver observations, 130 stopped by SIGTERM).
/// The stage commits all of Gold or nothing, so a stopped or failed job leaves the lake as it was.
/// </summary>
internal static partial class FeaturesJob
{
    public const int Success = 0, Usage = 64, DataError = 65, NoInput = 66, Cancelled = 130;

    public const string Help = """
        MacroLab.FeaturesJob: builds Gold from Silver (point-in-time features at month ends, asset returns, forward-return labels)
        in the lake; the container job of the cloud pipeline, the same stage as `macrolab features`.

        Settings (environment variable, or --Key=value argument):
          MacroLab__Data__Lake                    the lake: s3://bucket/prefix or a folder (required)
          MacroLab__Data__S3ServiceUrl, MacroLab__Data__S3Region, MacroLab__Data__S3ForcePathStyle
          MacroLab__Features__Policy             backfill (default) or strict
          MacroLab__Features__MaxStalenessDays   a feature is missing when its latest period is older than this (124)
          MacroLab__Features__Start              first month of the calendar, yyyy-MM (default: the earliest release)
          MacroLab__Features__End                last month, yyyy-MM (default: the latest release)
          MacroLab__Features__Force              true to recompute unchanged inputs
          (MacroLab__Transform__* is read too, as an alias, under the MacroLab__Features__* values.)

        Output: one JSON line on stdout ({"status":"Written",...}); logs as JSON lines on stderr.
        Exit codes: 0 done, 64 invalid settings, 65 malformed input data, 66 no Silver observations, 130 stopped (SIGTERM).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddMacroLabJsonConsole(standardErrorOnly: true);

        FeatureStageOptions options;
        try
        {
            var settings = new FeaturesJobSettings();
            builder.Configuration.GetSection("MacroLab:Transform").Bind(settings); // the former name, kept as an alias
            builder.Configuration.GetSection("MacroLab:Features").Bind(settings);
            options = settings.ToStageOptions();
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"MacroLab.FeaturesJob: {error.Message}").ConfigureAwait(false);
            return Usage;
        }

        builder.Services.AddMacroLabData(builder.Configuration.GetSection("MacroLab:Data"));
        using IHost host = builder.Build();
        ILogger logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MacroLab.FeaturesJob");
        Lake lake;
        FeatureStage stage;
        try
        {
            lake = host.Services.GetRequiredService<Lake>();
            stage = host.Services.GetRequiredService<FeatureStage>();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException error)
        {
            await Console.Error.WriteLineAsync($"MacroLab.FeaturesJob: {error.Message}").ConfigureAwait(false);
            return Usage;
        }

        await host.StartAsync().ConfigureAwait(false);
        CancellationToken stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            if (!await lake.ListDatasetsAsync("silver/observations/", stopping).AnyAsync(stopping).ConfigureAwait(false))
            {
                LogNoInput(logger, lake.Store.Location);
                return NoInput;
            }

            LogStarted(logger, lake.Store.Location, options.VintagePolicy.ToString());
            FeatureStageResult result = await stage.RunAsync(options, progress: null, stopping).ConfigureAwait(false);
            LogFinished(logger, result.Status.ToString(), result.DecisionDates, result.Columns);
            await output.WriteLineAsync(Describe(lake, result)).ConfigureAwait(false);
            return Success;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogStopped(logger);
            return Cancelled;
        }
        catch (DataFormatException error)
        {
            LogDataError(logger, error);
            return DataError;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Describe(Lake lake, FeatureStageResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("lake", lake.Store.Location);
            writer.WriteString("status", result.Status.ToString());
            writer.WriteNumber("decisionDates", result.DecisionDates);
            if (result.FirstDate is { } first && result.LastDate is { } last)
            {
                writer.WriteString("first", first.ToString());
                writer.WriteString("last", last.ToString());
            }

            writer.WriteNumber("columns", result.Columns);
            writer.WriteStartArray("datasets");
            foreach (string dataset in result.Datasets)
            {
                writer.WriteStringValue(dataset);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [LoggerMessage(1, LogLevel.Information, "Transform started on {Lake} ({Policy})")]
    private static partial void LogStarted(ILogger logger, string lake, string policy);

    [LoggerMessage(2, LogLevel.Information, "Transform {Status}: {DecisionDates} decision dates, {Columns} columns")]
    private static partial void LogFinished(ILogger logger, string status, int decisionDates, int columns);

    [LoggerMessage(3, LogLevel.Error, "The lake at {Lake} holds no Silver observations: run the ingest first")]
    private static partial void LogNoInput(ILogger logger, string lake);

    [LoggerMessage(4, LogLevel.Error, "Malformed input data; Gold is unchanged")]
    private static partial void LogDataError(ILogger logger, Exception error);

    [LoggerMessage(5, LogLevel.Warning, "Stopped before the end (SIGTERM); Gold is unchanged")]
    private static partial void LogStopped(ILogger logger);
}
