using System.Text.Json;
using System.Text.Json.Serialization;
using MacroLab.Data.Features;
using MacroLab.Data.Sources;

namespace MacroLab.Data.Storage;

/// <summary>The Gold coverage dataset: one JSON array of <see cref="FeatureCoverageRecord"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<FeatureCoverageRecord>))]
internal sealed partial class CoverageJson : JsonSerializerContext
{
    public static EncodedDataset Encode(IReadOnlyList<(FeatureYearCoverage Coverage, SeriesFamily Family)> rows)
    {
        FeatureCoverageRecord[] records = [.. rows.Select(r => new FeatureCoverageRecord(
            r.Coverage.Feature, r.Coverage.Series, r.Family, r.Coverage.Year, r.Coverage.Cells, r.Coverage.Known, r.Coverage.RealTime, r.Coverage.PseudoRealTime, r.Coverage.EstimatedRelease))];
        return new EncodedDataset(JsonSerializer.SerializeToUtf8Bytes(records, Default.IReadOnlyListFeatureCoverageRecord), "json", records.Length, []);
    }

    public static IReadOnlyList<FeatureCoverageRecord> Decode(byte[] json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Default.IReadOnlyListFeatureCoverageRecord) ?? [];
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: the coverage table cannot be read: {error.Message}", error);
        }
    }
}
