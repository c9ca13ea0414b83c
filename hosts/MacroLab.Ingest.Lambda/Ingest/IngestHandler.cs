using System.Text.Json;
using MacroLab.Connectors.Fred;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Ingest.Lambda.Runtime;

namespace MacroLab.Ingest.Lambda.Ingest;

/// <summary>
/// Ingests the event's raw object (or the series it fetches from FRED) into Bronze (bytes as received) and Silver (normalised observations and series catalog)
/// with the same <see cref="IngestStage"/> as <c>macrolab ingest</c>: all or nothing, so a malformed file or a timeout
/// leaves the lake as it was. A file already ingested with the same bytes is reported unchanged.
/// </summary>
/// <param name="stage">The ingest stage on the lake.</param>
/// <param name="lakeLocation">The lake's location, for the response.</param>
/// <param name="rawStore">The object store of a raw bucket.</param>
/// <param name="fred">The FRED client, for a fetch.</param>
internal sealed class IngestHandler(IngestStage stage, string lakeLocation, Func<string, IObjectStore> rawStore, Func<CancellationToken, Task<FredClient>> fred) : ILambdaHandler
{
    /// <summary>The largest raw object ingested (macro files are kilobytes to a few megabytes).</summary>
    public const long MaxObjectBytes = 256L * 1024 * 1024;

    public async Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        IngestEvent request = IngestEventParser.Parse(invocation.Payload);
        IReadOnlyList<IngestSource> sources;
        string origin;
        if (request.Fetch is { } fetch)
        {
            sources = await FetchAsync(fetch, cancellationToken).ConfigureAwait(false);
            origin = $"fred:{string.Join(',', fetch.Series)}@{fetch.Vintages}";
        }
        else
        {
            (string fileName, byte[] content, string from) = request.Content is { } inline
                ? (request.FileName!, inline, $"lambda-inline:{invocation.RequestId}/{request.FileName}")
                : await ReadObjectAsync(request.Bucket!, request.Key!, cancellationToken).ConfigureAwait(false);
            sources = [IngestSource.ForObservations(request.Format, fileName, content, from, request.Options, request.DatasetName)];
            origin = from;
        }

        IReadOnlyList<IngestedDataset> results;
        try
        {
            results = await stage.RunAsync(sources, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DataFormatException error)
        {
            throw new LambdaFunctionException("MacroLab.DataFormat", $"{error.Message} Nothing was written to the lake.", error);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("requestId", invocation.RequestId);
            writer.WriteString("lake", lakeLocation);
            writer.WriteString("origin", origin);
            writer.WriteStartArray("datasets");
            foreach (IngestedDataset result in results)
            {
                writer.WriteStartObject();
                writer.WriteString("bronze", result.Source);
                writer.WriteString("silver", result.Dataset);
                writer.WriteString("status", result.Status.ToString());
                writer.WriteNumber("rows", result.Rows);
                writer.WriteNumber("series", result.Series.Count);
                if (result.Vintage is { } vintage)
                {
                    writer.WriteString("vintage", vintage);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Every series of the fetch, downloaded before anything is written: one failure and the lake stays as it was.</summary>
    private async Task<IReadOnlyList<IngestSource>> FetchAsync(FetchEvent fetch, CancellationToken cancellationToken)
    {
        FredClient client = await fred(cancellationToken).ConfigureAwait(false);
        var sources = new List<IngestSource>(fetch.Series.Count);
        foreach (string series in fetch.Series)
        {
            try
            {
                sources.Add((await client.DownloadAsync(series, fetch.Vintages, cancellationToken).ConfigureAwait(false)).ToIngestSource());
            }
            catch (FredApiException error)
            {
                throw new LambdaFunctionException("MacroLab.Fetch", $"{error.Message} Nothing was written to the lake.", error);
            }
            catch (DataFormatException error)
            {
                throw new LambdaFunctionException("MacroLab.DataFormat", $"{error.Message} Nothing was written to the lake.", error);
            }
        }

        return sources;
    }

    private async Task<(string FileName, byte[] Content, string Origin)> ReadObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        IObjectStore store = rawStore(bucket);
        string origin = $"s3://{bucket}/{key}";
        ObjectInfo info = await store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new LambdaFunctionException("MacroLab.SourceNotFound", $"The raw object {origin} does not exist (or the function's role may not read it).");
        if (info.Size > MaxObjectBytes)
        {
            throw new LambdaFunctionException("MacroLab.SourceTooLarge", $"The raw object {origin} has {info.Size} bytes; the ingest function takes at most {MaxObjectBytes} (run `macrolab ingest` in a container job for larger files).");
        }

        Stream stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return (key[(key.LastIndexOf('/') + 1)..], buffer.ToArray(), origin);
        }
    }
}
