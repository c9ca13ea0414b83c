using System.Text.Json;
using MacroLab.Hosting.Documents;

namespace MacroLab.Hosting.Monitoring;

/// <summary>The JSON form of <see cref="DriftReportDocument"/> (camelCase, indented, enums as names).</summary>
public static class DriftReportJson
{
    /// <summary>Serializes a report.</summary>
    public static byte[] Serialize(DriftReportDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, HostingJsonContext.Default.DriftReportDocument);

    /// <summary>Reads a report, naming <paramref name="source"/> when it is malformed.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a drift report.</exception>
    public static DriftReportDocument Deserialize(ReadOnlySpan<byte> json, string source) => HostingJsonContext.Read(json, HostingJsonContext.Default.DriftReportDocument, source);
}
