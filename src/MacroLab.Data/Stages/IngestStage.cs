using System.Globalization;
using System.Security.Cryptography;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Stages;

/// <summary>
/// The ingest stage: keeps each raw file in Bronze exactly as received (with where it came from and when), and writes its
/// normalised observations and series catalog (or its release calendar) to Silver.
/// </summary>
/// <remarks>
/// Every file is read and validated before anything is written, and all datasets are committed together: a malformed
/// file (<see cref="DataFormatException"/>) or a failed write leaves the lake as it was. A dataset whose manifest already
/// records the same bytes and read options is skipped unless the run is forced; for observations that check comes before
/// the file is parsed (the bytes' digest, the read options and the stored series catalog determine the outcome), so that a
/// re-run on unchanged sources costs their hashing, not their reading.
/// </remarks>
public sealed class IngestStage
{
    /// <summary>The stage's name in manifests.</summary>
    public const string Name = "ingest";

    // Bump when the normalisation changes, so that existing Silver datasets are rebuilt.
    private const int Version = 2;

    private readonly Lake _lake;

    /// <summary>An ingest stage writing to <paramref name="lake"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="lake"/> is null.</exception>
    public IngestStage(Lake lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _lake = lake;
    }

    /// <summary>Ingests <paramref name="sources"/>, all or nothing.</summary>
    /// <param name="sources">The files to ingest.</param>
    /// <param name="force">Rewrite Silver datasets even when unchanged.</param>
    /// <param name="progress">Receives a report per file; may be null.</param>
    /// <param name="cancellationToken">Cancels the run; the lake is left as it was.</param>
    /// <returns>One entry per source, in order.</returns>
    /// <exception cref="DataFormatException">A file is malformed; nothing was written.</exception>
    public async Task<IReadOnlyList<IngestedDataset>> RunAsync(
        IReadOnlyList<IngestSource> sources, bool force = false, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var parsed = new List<(IngestSource Source, SourceData? Data, ReleaseCalendar? Calendar, SeriesConcepts? Concepts, IngestedDataset? Unchanged)>(sources.Count);
        for (int i = 0; i < sources.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IngestSource source = sources[i];
            progress?.Report(new StageProgress(Name, $"reading {source.FileName}", i, sources.Count * 2));
            if (!force && source.Format is not null && await TryUnchangedAsync(source, cancellationToken).ConfigureAwait(false) is { } unchanged)
            {
                parsed.Add((source, null, null, null, unchanged));
                continue;
            }

            // Messages name the origin (the full path or URI), so that the user finds the file.
            parsed.Add(source.CalendarName is { } calendar
                ? (source, null, ReleaseCalendar.ReadMonthlyCsv(calendar, SourceReader.Decode(source.Content.Span, source.Origin), source.Origin), null, null)
                : source.ConceptsName is not null
                ? (source, null, null, SeriesConcepts.Read(source.Content.Span, source.Origin), null)
                : source.MoreResponses.Count > 0
                ? (source, SourceReader.ReadResponses(source.Format!.Value, [.. source.Responses().Select(r => new SourceResponse(r.FileName, r.Content, r.Origin))], source.Options), null, null, null)
                : (source, SourceReader.Read(source.Format!.Value, source.Content.Span, source.Origin, source.Options), null, null, null));
        }

        LakeCommit commit = _lake.BeginCommit();
        var results = new List<IngestedDataset>(parsed.Count);
        for (int i = 0; i < parsed.Count; i++)
        {
            (IngestSource source, SourceData? data, ReleaseCalendar? calendar, SeriesConcepts? concepts, IngestedDataset? same) = parsed[i];
            progress?.Report(new StageProgress(Name, $"normalising {source.FileName}", sources.Count + i, sources.Count * 2));
            if (same is not null)
            {
                results.Add(same);
                continue;
            }

            var inputs = new List<DatasetInput>();
            foreach ((string name, string fileName, ReadOnlyMemory<byte> content, string origin) in source.Responses())
            {
                inputs.Add(await KeepRawAsync(commit, LakeLayout.Bronze(source.SourceKey, name), fileName, content, origin, cancellationToken).ConfigureAwait(false));
            }

            string bronze = inputs[0].Dataset;
            results.Add(calendar is not null
                ? await AddCalendarAsync(commit, source, calendar, bronze, inputs, force, cancellationToken).ConfigureAwait(false)
                : concepts is not null
                ? await AddConceptsAsync(commit, source, concepts, bronze, inputs, force, cancellationToken).ConfigureAwait(false)
                : await AddObservationsAsync(commit, source, data!, bronze, inputs, force, cancellationToken).ConfigureAwait(false));
        }

        await commit.CommitAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new StageProgress(Name, "done", sources.Count * 2, sources.Count * 2));
        return results;
    }

    /// <summary>
    /// Adds the raw bytes to Bronze unless it already holds them intact (whatever --force says: they are the bytes as
    /// received), and returns them as an input of the Silver datasets.
    /// </summary>
    private async Task<DatasetInput> KeepRawAsync(LakeCommit commit, string bronze, string fileName, ReadOnlyMemory<byte> content, string origin, CancellationToken cancellationToken)
    {
        byte[] raw = content.ToArray();
        string digest = Convert.ToHexStringLower(SHA256.HashData(raw));
        if (await _lake.TryGetManifestAsync(bronze, cancellationToken).ConfigureAwait(false) is not { } kept
            || kept.ContentSha256 != digest
            || await _lake.VerifyAsync(kept, cancellationToken).ConfigureAwait(false) is not null)
        {
            var bronzeRecipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
            {
                ["kind"] = "raw",
                ["fileName"] = fileName,
            }, []);
            commit.Add(bronze, new EncodedDataset(raw, "raw", null, []), bronzeRecipe,
                new Dictionary<string, string> { ["origin"] = origin, ["receivedBytes"] = Text(raw.Length) }, fileName);
        }

        return new DatasetInput(bronze, digest);
    }

    private async Task<IngestedDataset> AddObservationsAsync(
        LakeCommit commit, IngestSource source, SourceData data, string bronze, IReadOnlyList<DatasetInput> inputs, bool force, CancellationToken cancellationToken)
    {
        var recipe = new DatasetRecipe(Name, Version, ObservationParameters(source, data.Format, data.Vintage, data.VintageRelease?.ToString(), data.Series), inputs);
        string observations = LakeLayout.SilverObservations(source.SourceKey, source.DatasetName);
        string series = LakeLayout.SilverSeries(source.SourceKey, source.DatasetName);
        bool unchanged = !force && await _lake.IsCurrentAsync([observations, series], recipe.Fingerprint, cancellationToken).ConfigureAwait(false);
        ObservationSet set = data.Observations;
        (ReferencePeriod? first, ReferencePeriod? last) = Span(set);
        string? vintage = data.Vintage ?? VintageSpan(set);
        if (!unchanged)
        {
            var properties = new Dictionary<string, string>
            {
                ["series"] = Text(set.Series.Count),
                ["firstPeriod"] = first?.ToString() ?? string.Empty,
                ["lastPeriod"] = last?.ToString() ?? string.Empty,
                ["vintages"] = vintage ?? string.Empty,
            };
            commit.Add(observations, await ParquetCodec.EncodeObservationsAsync(set, cancellationToken).ConfigureAwait(false), recipe, properties);
            commit.Add(series, await ParquetCodec.EncodeSeriesAsync(data.Series, cancellationToken).ConfigureAwait(false), recipe);
        }

        return new IngestedDataset(bronze, observations, unchanged ? DatasetStatus.Unchanged : DatasetStatus.Written, set.Count, data.Series,
            first, last, vintage, data.VintageRelease);
    }

    /// <summary>
    /// The recipe parameters of an observation source: what the reader was asked (format, the read options that change its
    /// output) and what it found (the vintage, its release, each series' publication lag under the current rules).
    /// </summary>
    private static Dictionary<string, string> ObservationParameters(IngestSource source, SourceFormat format, string? vintage, string? vintageRelease, IReadOnlyList<SeriesInfo> series)
    {
        SourceReadOptions options = source.Options;
        return new Dictionary<string, string>
        {
            ["format"] = format.ToString(),
            ["read"] = string.Create(CultureInfo.InvariantCulture, $"vintage={options.Vintage};releasedOn={options.ReleasedOn:yyyy-MM-dd}"),
            ["vintage"] = vintage ?? string.Empty,
            ["vintageRelease"] = vintageRelease ?? string.Empty,
            ["seriesName"] = options.SeriesName ?? string.Empty,
            ["lags"] = string.Join(';', series.Select(s => $"{s.Name}={options.Lag ?? options.LagRules.For(s)}")),
        };
    }

    /// <summary>
    /// The outcome of an observation source whose Silver datasets are current, decided without parsing it: the Bronze copy
    /// holds the same bytes intact, and the recipe rebuilt from the read options, the stored series catalog and what the
    /// stored manifest says the file held (its vintage) has the fingerprint the intact Silver datasets record. Null when
    /// anything differs: the file is then read, validated and compared in full.
    /// </summary>
    private async Task<IngestedDataset?> TryUnchangedAsync(IngestSource source, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(source.Options.Catalog, FredMdCatalog.Default) || source.MoreResponses.Count > 0)
        {
            return null; // a catalog of the caller's own (its identity is not recorded), or several responses: read in full
        }

        string digest = Convert.ToHexStringLower(SHA256.HashData(source.Content.Span));
        string bronze = LakeLayout.Bronze(source.SourceKey, source.DatasetName);
        string observations = LakeLayout.SilverObservations(source.SourceKey, source.DatasetName);
        string series = LakeLayout.SilverSeries(source.SourceKey, source.DatasetName);
        if (await _lake.TryGetManifestAsync(bronze, cancellationToken).ConfigureAwait(false) is not { } kept || kept.ContentSha256 != digest
            || await _lake.TryGetManifestAsync(observations, cancellationToken).ConfigureAwait(false) is not { } stored
            || await _lake.TryGetManifestAsync(series, cancellationToken).ConfigureAwait(false) is not { } catalog
            || stored.Inputs is not [{ } input] || input.Dataset != bronze || input.ContentSha256 != digest
            || !stored.Parameters.TryGetValue("vintage", out string? vintage) || !stored.Parameters.TryGetValue("vintageRelease", out string? release)
            || await _lake.VerifyAsync(kept, cancellationToken).ConfigureAwait(false) is not null
            || await _lake.VerifyAsync(catalog, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        IReadOnlyList<SeriesInfo> infos = await _lake.ReadSeriesAsync(catalog, cancellationToken).ConfigureAwait(false);
        var recipe = new DatasetRecipe(Name, Version, ObservationParameters(source, source.Format!.Value, vintage.Length == 0 ? null : vintage, release, infos), [input]);
        if (!await _lake.IsCurrentAsync([observations, series], recipe.Fingerprint, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        string? Property(string name) => stored.Properties.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;
        ReferencePeriod? Period(string name) => Property(name) is { } text ? new ReferencePeriod(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;
        return new IngestedDataset(bronze, observations, DatasetStatus.Unchanged, stored.RowCount ?? 0, infos, Period("firstPeriod"), Period("lastPeriod"),
            Property("vintages") ?? (vintage.Length == 0 ? null : vintage),
            release.Length == 0 ? null : new ReleaseDate(DateOnly.ParseExact(release, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// A file of many vintages (an archive, a real-time workbook) in one label, first and last by release:
    /// "1999-08 .. 2023-06, 267 vintages", "ROUTPUT65Q4 .. ROUTPUT26Q1, 242 vintages".
    /// </summary>
    private static string? VintageSpan(ObservationSet set)
    {
        if (set.Vintages.Count <= 1)
        {
            return set.Vintages.Count == 1 ? set.Vintages[0] : null;
        }

        var released = new int[set.Vintages.Count];
        Array.Fill(released, int.MaxValue);
        for (int row = 0; row < set.Count; row++)
        {
            int vintage = set.VintageIds[row];
            if (vintage >= 0)
            {
                released[vintage] = Math.Min(released[vintage], set.Releases[row]);
            }
        }

        // A vintage that changed nothing (a month with no release, as after a shutdown) has no rows, so no date: it counts, but
        // does not bound the span.
        int[] order = [.. Enumerable.Range(0, released.Length).Where(v => released[v] != int.MaxValue)
            .OrderBy(v => released[v]).ThenBy(v => set.Vintages[v], StringComparer.Ordinal)];
        return order.Length == 0 ? null : $"{set.Vintages[order[0]]} .. {set.Vintages[order[^1]]}, {Text(set.Vintages.Count)} vintages";
    }

    private async Task<IngestedDataset> AddConceptsAsync(
        LakeCommit commit, IngestSource source, SeriesConcepts concepts, string bronze, IReadOnlyList<DatasetInput> inputs, bool force, CancellationToken cancellationToken)
    {
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string> { ["format"] = "SeriesConcepts" }, inputs);
        string dataset = LakeLayout.SilverConcepts(source.DatasetName);
        bool unchanged = !force && await _lake.IsCurrentAsync([dataset], recipe.Fingerprint, cancellationToken).ConfigureAwait(false);
        if (!unchanged)
        {
            commit.Add(dataset, ConceptsJson.Encode(concepts), recipe, new Dictionary<string, string> { ["concepts"] = Text(concepts.Concepts.Count) }, "concepts.json");
        }

        return new IngestedDataset(bronze, dataset, unchanged ? DatasetStatus.Unchanged : DatasetStatus.Written, concepts.Concepts.Sum(c => c.Members.Count), [],
            null, null, null, null);
    }

    private async Task<IngestedDataset> AddCalendarAsync(
        LakeCommit commit, IngestSource source, ReleaseCalendar calendar, string bronze, IReadOnlyList<DatasetInput> inputs, bool force, CancellationToken cancellationToken)
    {
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string> { ["format"] = "ReleaseCalendar", ["calendar"] = calendar.Name }, inputs);
        string dataset = LakeLayout.SilverCalendar(source.DatasetName);
        bool unchanged = !force && await _lake.IsCurrentAsync([dataset], recipe.Fingerprint, cancellationToken).ConfigureAwait(false);
        if (!unchanged)
        {
            commit.Add(dataset, await ParquetCodec.EncodeCalendarAsync(calendar, cancellationToken).ConfigureAwait(false), recipe);
        }

        ReferencePeriod[] periods = [.. calendar.Releases.Select(r => r.Key)];
        return new IngestedDataset(bronze, dataset, unchanged ? DatasetStatus.Unchanged : DatasetStatus.Written, calendar.Count, [],
            periods.Length > 0 ? periods[0] : null, periods.Length > 0 ? periods[^1] : null, null, null);
    }

    private static (ReferencePeriod? First, ReferencePeriod? Last) Span(ObservationSet set)
    {
        if (set.Count == 0)
        {
            return (null, null);
        }

        int min = int.MaxValue, max = int.MinValue;
        foreach (int period in set.Periods)
        {
            min = Math.Min(min, period);
            max = Math.Max(max, period);
        }

        return (new ReferencePeriod(DateOnly.FromDayNumber(min)), new ReferencePeriod(DateOnly.FromDayNumber(max)));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
