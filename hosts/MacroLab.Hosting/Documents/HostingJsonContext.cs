using System.Text.Json;
using System.Text.Json.Serialization;

namespace MacroLab.Hosting.Documents;

/// <summary>Source-generated JSON of the pipeline's documents: camelCase, indented, deterministic bytes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(GatesDocument))]
[JsonSerializable(typeof(RegistrationDocument))]
[JsonSerializable(typeof(DriftBaselineDocument))]
[JsonSerializable(typeof(RunSummaryDocument))]
[JsonSerializable(typeof(IReadOnlyList<DecisionRecord>))]
[JsonSerializable(typeof(Monitoring.DriftReportDocument))]
[JsonSerializable(typeof(Decisions.TrackRecordDocument))]
[JsonSerializable(typeof(Pipeline.StageOutcomeRecord))]
[JsonSerializable(typeof(Events.LabEvent))]
[JsonSerializable(typeof(Monitoring.MonitoringDocument))]
[JsonSerializable(typeof(Backtest.Simulation.SimulationOptions))]
internal sealed partial class HostingJsonContext : JsonSerializerContext
{
    /// <summary>Reads a document, naming the source when it is malformed.</summary>
    public static T Read<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new InvalidDataException($"{source}: the document is empty (null).");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: {error.Path ?? "$"}: {error.Message}", error);
        }
    }
}
