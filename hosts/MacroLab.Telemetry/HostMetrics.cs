using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MacroLab.Telemetry;

/// <summary>OpenTelemetry metrics for a host, exported over OTLP only where a collector is configured.</summary>
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
}
