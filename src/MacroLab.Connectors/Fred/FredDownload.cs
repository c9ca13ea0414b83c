using MacroLab.Data.Sources;
using MacroLab.Data.Stages;

namespace MacroLab.Connectors.Fred;

/// <summary>
/// What FRED returned for one series: its <c>fred/series</c> response and every page of <c>fred/series/observations</c>,
/// byte for byte, each with its request (the key removed).
/// </summary>
public sealed class FredDownload
{
    internal FredDownload(string seriesId, FredVintages vintages, IReadOnlyList<SourceResponse> responses, int observations)
    {
        SeriesId = seriesId;
        Vintages = vintages;
        Responses = responses;
        Observations = observations;
    }

    /// <summary>The series, as FRED names it (<c>CPIAUCSL</c>).</summary>
    public string SeriesId { get; }

    /// <summary>The real-time period requested.</summary>
    public FredVintages Vintages { get; }

    /// <summary>The responses in request order: the metadata, then the pages of observations.</summary>
    public IReadOnlyList<SourceResponse> Responses { get; }

    /// <summary>The observation rows FRED returned (every real-time period of every date, missing values included).</summary>
    public int Observations { get; }

    /// <summary>
    /// The download as a source of the ingest stage: Bronze keeps each response (<c>bronze/fred-api/&lt;series&gt;</c> and
    /// <c>.part2</c>, ...), Silver the observations, each known from the start of the real-time period in which it held.
    /// </summary>
    /// <param name="datasetName">The dataset's name; null for the series id.</param>
    public IngestSource ToIngestSource(string? datasetName = null) =>
        IngestSource.ForResponses(SourceFormat.FredApi, datasetName ?? SeriesId, Responses);
}
