using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MacroLab.Scoring.Decisions;

/// <summary>Reads and writes <see cref="DecisionLog"/> JSON (camelCase, indented, deterministic bytes), checking what a log promises.</summary>
public static class DecisionLogJson
{
    /// <summary>The log as UTF-8 JSON.</summary>
    /// <exception cref="InvalidDataException">The log breaks a rule <see cref="Deserialize"/> checks.</exception>
    public static byte[] Serialize(DecisionLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Check(log, "the log to write");
        return JsonSerializer.SerializeToUtf8Bytes(log, DecisionLogJsonContext.Default.DecisionLog);
    }

    /// <summary>A log from UTF-8 JSON.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="source">The file or object name, for error messages.</param>
    /// <exception cref="InvalidDataException">
    /// The JSON is malformed or of another format, dates are not strictly increasing, or a weight is not finite; the message
    /// names <paramref name="source"/>, the decision and the field.
    /// </exception>
    public static DecisionLog Deserialize(ReadOnlySpan<byte> json, string source)
    {
        DecisionLog log;
        try
        {
            log = JsonSerializer.Deserialize(json, DecisionLogJsonContext.Default.DecisionLog)
                ?? throw new InvalidDataException($"{source}: the decision log is empty (null).");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: {error.Path ?? "$"}: {error.Message}", error);
        }

        if (!string.Equals(log.Format, DecisionLog.CurrentFormat, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: format is '{log.Format}'; this version reads '{DecisionLog.CurrentFormat}'.");
        }

        Check(log, source);
        return log;
    }

    private static void Check(DecisionLog log, string source)
    {
        for (int i = 0; i < log.Decisions.Count; i++)
        {
            PortfolioDecision decision = log.Decisions[i];
            string at = string.Create(CultureInfo.InvariantCulture, $"{source}: decisions[{i}] ({decision.Date:yyyy-MM-dd})");
            if (i > 0 && decision.Date <= log.Decisions[i - 1].Date)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{at}: date does not follow {log.Decisions[i - 1].Date:yyyy-MM-dd}; a log holds one decision per date, oldest first."));
            }

            if (decision.Assets.Count == 0)
            {
                throw new InvalidDataException($"{at}: assets is empty.");
            }

            foreach (AssetDecision asset in decision.Assets)
            {
                if (!double.IsFinite(asset.Target) || !double.IsFinite(asset.Weight) || !double.IsFinite(asset.Drifted))
                {
                    throw new InvalidDataException($"{at}: asset '{asset.Asset}': target, drifted and weight must be finite.");
                }
            }
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DecisionLog))]
internal sealed partial class DecisionLogJsonContext : JsonSerializerContext;
