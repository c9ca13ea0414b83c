using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MacroLab.Telemetry;

/// <summary>
/// A host's metrics out of the process: as CloudWatch Embedded Metric Format lines on standard output when
/// <c>MACROLAB_METRICS=emf</c> (what the CloudFormation stack sets: no collector needed), and over OTLP where a collector is
/// configured.
/// </summary>
public static class HostMetrics
{
    /// <summary>The setting that turns the OTLP export on (the OpenTelemetry SDK's own variable).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Exports <paramref name="meters"/> (plus the .NET runtime's) as service <paramref name="serviceName"/> when
    /// <see cref="OtlpEndpointSetting"/> is set (e.g. an ADOT sidecar on Fargate); does nothing otherwise, so a host runs
    /// the same without a collector.
    /// </summary>
    /// <returns>Whether the export was added.</returns>
    public static bool AddMacroLabOpenTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, params string[] meters)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            return false;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m.AddMeter([.. meters, "System.Runtime"]).AddOtlpExporter());
        return true;
    }

    /// <summary>
    /// Writes <paramref name="meters"/> as Embedded Metric Format lines in <paramref name="metricNamespace"/> every minute
    /// when <see cref="EmbeddedMetricsOptions.Setting"/> is <c>emf</c>; does nothing otherwise.
    /// </summary>
    /// <returns>Whether the exporter was added.</returns>
    public static bool AddMacroLabEmbeddedMetrics(this IServiceCollection services, IConfiguration configuration, string metricNamespace, params string[] meters)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!EmbeddedMetricsOptions.IsOn(configuration[EmbeddedMetricsOptions.Setting]))
        {
            return false;
        }

        services.AddOptions<EmbeddedMetricsOptions>().Configure(o =>
        {
            o.Namespace = metricNamespace;
            foreach (string meter in meters)
            {
                o.Meters.Add(meter);
            }
        });
        services.AddHostedService<EmbeddedMetricsService>();
        return true;
    }

    /// <summary>Runs the exporter for the host's lifetime; stopping the host writes the last interval.</summary>
    private sealed class EmbeddedMetricsService(IOptions<EmbeddedMetricsOptions> options, IMeterFactory meters) : IHostedService, IDisposable
    {
        private EmbeddedMetricsExporter? _exporter;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _exporter = new EmbeddedMetricsExporter(options.Value, options.Value.Output ?? Console.Out, scope: meters);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _exporter?.Dispose();
            _exporter = null;
        }
    }
}
