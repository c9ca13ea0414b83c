using System.Globalization;
using System.Text.Json;

namespace MacroLab.Data.Sources;

/// <summary>
/// Reads the FRED API's JSON responses (<see cref="SourceFormat.FredApi"/>): <c>fred/series</c> (the series' metadata) and
/// one or more pages of <c>fred/series/observations</c> requested with a real-time period, each observation dated by the
/// real-time period in which its value held.
/// </summary>
internal static class FredApiJson
{
    /// <summary>Reads the responses of one series: at most one metadata response and at least one page of observations.</summary>
    public static IReadOnlyList<SeriesInfo> Read(IReadOnlyList<(string Origin, ReadOnlyMemory<byte> Content)> responses, ObservationSetBuilder builder, int source, SourceReadOptions options)
    {
        SeriesMetadata? metadata = null;
        var pages = new List<(string Origin, JsonElement Observations, JsonDocument Document)>();
        try
        {
            foreach ((string origin, ReadOnlyMemory<byte> content) in responses)
            {
                JsonDocument document = Parse(origin, content);
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    document.Dispose();
                    throw new DataFormatException(origin, 1, null, null, "expected a JSON object, a response of fred/series or fred/series/observations");
                }

                if (root.TryGetProperty("error_message", out JsonElement error))
                {
                    string said = error.ToString();
                    document.Dispose();
                    throw new DataFormatException(origin, 1, "error_message", said, "the response is a FRED error, not data");
                }

                if (root.TryGetProperty("seriess", out JsonElement seriess))
                {
                    metadata = Metadata(origin, seriess, metadata);
                    document.Dispose();
                }
                else if (root.TryGetProperty("observations", out JsonElement observations) && observations.ValueKind == JsonValueKind.Array)
                {
                    pages.Add((origin, observations, document));
                }
                else
                {
                    document.Dispose();
                    throw new DataFormatException(origin, 1, "observations", null, "expected an 'observations' array (fred/series/observations) or 'seriess' (fred/series)");
                }
            }

            if (pages.Count == 0)
            {
                throw new DataFormatException(responses.Count > 0 ? responses[0].Origin : "fred", 0, "observations", null, "no page of observations");
            }

            string name = options.SeriesName ?? metadata?.Id
                ?? throw new DataFormatException(pages[0].Origin, 0, "seriess", null,
                    "the observations do not name their series: give the fred/series response too, or the series name (--series <name>)");
            var rows = new List<(DateOnly Period, double Value, DateOnly Start, string Origin, string Field)>();
            foreach ((string origin, JsonElement observations, _) in pages)
            {
                int index = 0;
                foreach (JsonElement observation in observations.EnumerateArray())
                {
                    string at = $"observations[{index.ToString(CultureInfo.InvariantCulture)}]";
                    index++;
                    DateOnly period = Date(origin, observation, "date", at);
                    DateOnly start = Date(origin, observation, "realtime_start", at);
                    DateOnly end = Date(origin, observation, "realtime_end", at);
                    if (end < start)
                    {
                        throw new DataFormatException(origin, 0, at + ".realtime_end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            $"the real-time period ends before it starts ({start:yyyy-MM-dd})");
                    }

                    string text = String(origin, observation, "value", at);
                    if (text is "." or "")
                    {
                        continue;
                    }

                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    {
                        throw new DataFormatException(origin, 0, at + ".value", text, "expected a finite decimal number or '.' (missing)");
                    }

                    rows.Add((period, value, start, origin, at + ".date"));
                }
            }

            if (rows.Count == 0)
            {
                throw new DataFormatException(pages[0].Origin, 0, "observations", null, $"FRED returned no values for {name}: the series is empty in the requested period");
            }

            Frequency frequency = metadata?.Frequency ?? FrequencyInference.Infer([.. rows.Select(r => r.Period).Distinct().Order()]);
            options.Catalog.TryGet(name, out SeriesInfo known);
            SeriesInfo info = known with
            {
                Name = name,
                Frequency = frequency,
                Description = metadata?.Title ?? known.Description,
                Units = metadata?.Units ?? known.Units,
            };
            int seriesId = builder.InternSeries(name);
            var realTime = new RealTimeRows(builder, source);
            foreach ((DateOnly period, double value, DateOnly start, string origin, string field) in rows)
            {
                realTime.Add(origin, 0, field, seriesId, frequency, period, value, start);
            }

            return [info];
        }
        finally
        {
            foreach ((_, _, JsonDocument document) in pages)
            {
                document.Dispose();
            }
        }
    }

    private static JsonDocument Parse(string origin, ReadOnlyMemory<byte> content)
    {
        try
        {
            return JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException error)
        {
            throw new DataFormatException(origin, (int)(error.LineNumber ?? 0) + 1, null, null,
                $"malformed JSON at byte {(error.BytePositionInLine ?? 0).ToString(CultureInfo.InvariantCulture)} of the line: {error.Message.Split(" Path:")[0]}");
        }
    }

    private static SeriesMetadata Metadata(string origin, JsonElement seriess, SeriesMetadata? earlier)
    {
        if (seriess.ValueKind != JsonValueKind.Array || seriess.GetArrayLength() == 0)
        {
            throw new DataFormatException(origin, 0, "seriess", null, "expected a non-empty array of series");
        }

        // With a real-time period, one entry per metadata vintage: the newest describes the series as it is now.
        JsonElement newest = seriess[seriess.GetArrayLength() - 1];
        string id = String(origin, newest, "id", "seriess[-1]");
        if (earlier is not null && earlier.Id != id)
        {
            throw new DataFormatException(origin, 0, "seriess[-1].id", id, $"the responses describe two series, {earlier.Id} and {id}");
        }

        string? shortFrequency = newest.TryGetProperty("frequency_short", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        Frequency? frequency = shortFrequency switch
        {
            "A" => Frequency.Annual,
            "Q" => Frequency.Quarterly,
            "M" => Frequency.Monthly,
            "D" or "W" or "BW" or "WEF" or "WESA" or "WETH" or "WEW" or "WEM" => Frequency.Daily,
            _ => null,
        };
        if (shortFrequency is not null && frequency is null && !shortFrequency.StartsWith('W'))
        {
            throw new DataFormatException(origin, 0, "seriess[-1].frequency_short", shortFrequency,
                "MacroLab reads daily, weekly, monthly, quarterly and annual series");
        }

        return new SeriesMetadata(id, frequency ?? Frequency.Daily,
            newest.TryGetProperty("title", out JsonElement t) ? t.GetString() : null,
            newest.TryGetProperty("units", out JsonElement u) ? u.GetString() : null);
    }

    private static DateOnly Date(string origin, JsonElement element, string property, string at)
    {
        string text = String(origin, element, property, at);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw new DataFormatException(origin, 0, $"{at}.{property}", text, "expected an ISO date yyyy-MM-dd");
    }

    private static string String(string origin, JsonElement element, string property, string at) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new DataFormatException(origin, 0, $"{at}.{property}", null, $"missing the text field '{property}'");

    private sealed record SeriesMetadata(string Id, Frequency Frequency, string? Title, string? Units);
}
