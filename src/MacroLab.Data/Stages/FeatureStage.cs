using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Storage;

namespace MacroLab.Data.Stages;

/// <summary>
/// The feature stage: Silver observations to Gold point-in-time features (with per-cell provenance), monthly asset
/// returns and forward-return labels.
/// </summary>
/// <remarks>
/// Steps: read every Silver observation set, series catalog and the CPI release calendar; date each series with its
/// publication-lag rule; apply the vintage policy; compute the feature set over the decision calendar with
/// <see cref="PointInTimeJoin.Compute"/>; derive asset returns from the final data and labels that start strictly after
/// each decision date; commit all Gold datasets together. A run whose inputs and parameters match the Gold manifests is
/// skipped unless forced.
/// </remarks>
public sealed class FeatureStage
{
    /// <summary>The stage's name in manifests.</summary>
    public const string Name = "features";

    // Bump when the feature computation changes, so that existing Gold datasets are rebuilt.
    private const int Version = 1;

    private readonly Lake _lake;

    /// <summary>A feature stage on <paramref name="lake"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="lake"/> is null.</exception>
    public FeatureStage(Lake lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _lake = lake;
    }

    /// <summary>Builds Gold from Silver.</summary>
    /// <exception cref="DatasetNotFoundException">The lake holds no Silver observations.</exception>
    /// <exception cref="ArgumentException">The feature set is invalid or uses a series the lake does not hold.</exception>
    /// <exception cref="DataFormatException">Two Silver datasets hold the same observation.</exception>
    public async Task<FeatureStageResult> RunAsync(FeatureStageOptions options, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        const int Steps = 5;
        progress?.Report(new StageProgress(Name, "reading Silver", 0, Steps));
        Inputs inputs = await ReadInputsAsync(options, cancellationToken).ConfigureAwait(false);

        PublicationLagRules rules = options.LagRules;
        if (inputs.CpiCalendar is { } cpi)
        {
            rules = rules.WithCalendar(PublicationLagRules.CpiSeries, cpi);
        }

        PublicationLagRule LagOf(string series) =>
            rules.For(inputs.Catalog.TryGetValue(series, out SeriesInfo? info) ? info : new SeriesInfo(series, Frequency.Monthly));

        // CPI values of a vintage are public from the BLS release of the vintage's newest CPI month, earlier than the vintage's own date.
        ObservationSet dated = inputs.CpiCalendar is { } calendar ? CalendarDating.Apply(inputs.Observations, PublicationLagRules.CpiSeries, calendar) : inputs.Observations;
        ObservationSet effective = dated.WithVintagePolicy(options.VintagePolicy, LagOf);
        FeatureSet set = options.FeatureSet ?? DefaultSet(options, inputs.Catalog, inputs.Concepts);
        set.Validate();
        IReadOnlyList<DecisionDate> dates = options.DecisionDatesOf is { } of
            ? await DecisionDatesOfAsync(of, cancellationToken).ConfigureAwait(false)
            : options.DecisionDates ?? DefaultCalendar(effective, options);

        (string features, string provenance, string coverage, string assets, string labels) = Datasets(options);
        string[] missingSeries = options.BuildLabels ? MissingAssetSeries(options.Universe, inputs.Observations) : [];
        if (missingSeries.Length > 0 && options.RequireLabels)
        {
            throw new MissingAssetSeriesException(options.Universe.Name, missingSeries);
        }

        string? note = missingSeries.Length == 0 ? null
            : $"asset returns and labels of '{options.Universe.Name}' were not built: the lake lacks {string.Join(", ", missingSeries)}";
        bool labelled = options.BuildLabels && note is null;
        string[] outputs = labelled ? [features, provenance, coverage, assets, labels] : [features, provenance, coverage];
        DatasetRecipe recipe = Recipe(options, set, dates, inputs, LagOf);
        IReadOnlyList<SeriesSummary> summaries = Summaries(effective, inputs.SourceOf, dates);

        FeatureStageResult result = await StageRun.RunAsync(_lake, outputs, recipe, options.Force,
            existing =>
            {
                progress?.Report(new StageProgress(Name, "up to date", Steps, Steps));
                return new FeatureStageResult(DatasetStatus.Unchanged, outputs, dates.Count, First(dates), Last(dates), set.ColumnNames.Count,
                    CoverageFrom(existing[0]), summaries, note); // outputs[0] is the feature table
            },
            async (transaction, token) =>
            {
                progress?.Report(new StageProgress(Name, $"computing {set.ColumnNames.Count} features at {dates.Count} dates", 1, Steps));
                FeatureTable table = PointInTimeJoin.Compute(effective, dates, set, inputs.Concepts);
                transaction.Add(features, await ParquetCodec.EncodeTableAsync(table.Values, token).ConfigureAwait(false), recipe, CoverageProperties(table.Coverage));
                progress?.Report(new StageProgress(Name, "recording provenance", 2, Steps));
                transaction.Add(provenance, await ParquetCodec.EncodeProvenanceAsync(table, series => inputs.SourceOf.GetValueOrDefault(series, "?"), token).ConfigureAwait(false), recipe);
                transaction.Add(coverage, CoverageJson.Encode(Families(table.CoverageByYear(), inputs)), recipe, fileName: "coverage.json");
                if (labelled)
                {
                    progress?.Report(new StageProgress(Name, "asset returns and labels", 3, Steps));
                    TimeSeriesTable returns, forward;
                    if (options.Frequency == DecisionFrequency.MonthEnd)
                    {
                        returns = AssetReturns.Monthly(inputs.Observations, options.Universe);
                        forward = ForwardReturns.Compute(returns, dates, options.LabelHorizonsInMonths);
                    }
                    else
                    {
                        returns = AssetReturns.ForPeriods(inputs.Observations, options.Universe, dates);
                        forward = ForwardReturns.ComputeForPeriods(returns, dates, options.LabelHorizonsInMonths, options.Frequency);
                    }
                    transaction.Add(assets, await ParquetCodec.EncodeTableAsync(returns, token).ConfigureAwait(false), recipe);
                    transaction.Add(labels, await ParquetCodec.EncodeTableAsync(forward, token).ConfigureAwait(false), recipe);
                }

                progress?.Report(new StageProgress(Name, "committing Gold", 4, Steps));
                return new FeatureStageResult(DatasetStatus.Written, outputs, dates.Count, First(dates), Last(dates), set.ColumnNames.Count, table.Coverage, summaries, note);
            },
            cancellationToken).ConfigureAwait(false);
        if (result.Status == DatasetStatus.Written)
        {
            progress?.Report(new StageProgress(Name, "done", Steps, Steps));
        }

        return result;
    }

    /// <summary>
    /// Where <see cref="RunAsync"/> writes the Gold datasets of <paramref name="options"/>. Their keys follow the definition:
    /// <c>gold/features/&lt;set&gt;@&lt;variant&gt;</c> (and the same variant of <c>gold/provenance</c>, <c>gold/coverage</c>,
    /// <c>gold/assets/&lt;universe&gt;</c> and <c>gold/labels/&lt;universe&gt;</c>), the variant digesting the feature set, series,
    /// extra features, vintage policy, lag rules, staleness, calendar, universe and label horizons; not the data, so that the
    /// same definition on newer data replaces its own datasets.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static FeatureStageDatasets Datasets(FeatureStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string set = options.FeatureSet?.Name ?? options.FeatureSetName;
        string variant = DatasetVariant.Of(Name, Definition(options, set));
        return new FeatureStageDatasets(
            DatasetVariant.Key(LakeLayout.GoldFeatures(set), variant),
            DatasetVariant.Key(LakeLayout.GoldProvenance(set), variant),
            DatasetVariant.Key(LakeLayout.GoldCoverage(set), variant),
            DatasetVariant.Key(LakeLayout.GoldAssets(options.Universe.Name), variant),
            DatasetVariant.Key(LakeLayout.GoldLabels(options.Universe.Name), variant));
    }

    private static SortedDictionary<string, string> Definition(FeatureStageOptions options, string set)
    {
        static string Dates(IEnumerable<DecisionDate> dates) => Digest(string.Join('\n', dates));
        static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
        var definition = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["featureSet"] = set,
            ["featureSetDigest"] = options.FeatureSet is { } custom
                ? Digest($"{string.Join('\n', custom.Features)}\n{custom.Regime}\n{custom.MaxStalenessDays}")
                : "default",
            ["series"] = options.Series is { } series ? string.Join(',', series) : "*",
            ["extra"] = string.Join('\n', options.ExtraFeatures),
            ["vintagePolicy"] = options.VintagePolicy.ToString(),
            ["lagRules"] = options.LagRules.Definition,
            ["maxStalenessDays"] = options.MaxStalenessDays?.ToString(CultureInfo.InvariantCulture) ?? "none",
            ["calendar"] = options.DecisionDatesOf is { } of ? $"of {of}" : options.DecisionDates is { } dates ? Dates(dates) : $"{Day(options.Start)}..{Day(options.End)}",
            ["cpiCalendar"] = options.CpiCalendar,
            ["universe"] = string.Join(';', options.Universe.Assets.Select(a => a.ToString())),
            ["labelHorizonsMonths"] = string.Join(',', options.LabelHorizonsInMonths),
        };
        if (options.Frequency != DecisionFrequency.MonthEnd)
        {
            definition["frequency"] = options.Frequency.ToString(); // only then, so that monthly datasets keep their keys
        }

        return definition;
    }

    private async Task<IReadOnlyList<DecisionDate>> DecisionDatesOfAsync(string featureSet, CancellationToken cancellationToken)
    {
        DatasetManifest manifest = await _lake.RequireAsync(
            LakeLayout.GoldFeatures(featureSet), "build that feature set first (its decision dates are this one's)", cancellationToken).ConfigureAwait(false);
        TimeSeriesTable table = await _lake.ReadTableAsync(manifest.Dataset, cancellationToken).ConfigureAwait(false);
        return [.. table.Dates.Select(d => new DecisionDate(d))];
    }

    private async Task<Inputs> ReadInputsAsync(FeatureStageOptions options, CancellationToken cancellationToken)
    {
        var manifests = new List<DatasetManifest>();
        var sets = new List<ObservationSet>();
        var sourceOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (DatasetManifest manifest in _lake.ListDatasetsAsync("silver/observations/", cancellationToken).ConfigureAwait(false))
        {
            ObservationSet set = await _lake.ReadObservationsAsync(manifest, cancellationToken).ConfigureAwait(false);
            string source = manifest.Dataset.Split('/')[2];
            foreach (string series in set.Series)
            {
                sourceOf.TryAdd(series, source);
            }

            sets.Add(set);
            manifests.Add(manifest);
        }

        if (sets.Count == 0)
        {
            throw new DatasetNotFoundException(_lake.Store.Location, "silver/observations/", "ingest some sources first (macrolab ingest, or macrolab run)");
        }

        var catalog = new Dictionary<string, SeriesInfo>(StringComparer.Ordinal);
        await foreach (DatasetManifest manifest in _lake.ListDatasetsAsync("silver/series/", cancellationToken).ConfigureAwait(false))
        {
            foreach (SeriesInfo info in await _lake.ReadSeriesAsync(manifest, cancellationToken).ConfigureAwait(false))
            {
                catalog[info.Name] = info; // in path order, so the latest vintage's catalog wins
            }

            manifests.Add(manifest);
        }

        ReleaseCalendar? cpi = null;
        if (await _lake.GetManifestAsync(LakeLayout.SilverCalendar(options.CpiCalendar), cancellationToken).ConfigureAwait(false) is { } calendarManifest)
        {
            cpi = await _lake.ReadCalendarAsync(calendarManifest, cancellationToken).ConfigureAwait(false);
            manifests.Add(calendarManifest);
        }

        SeriesConcepts concepts = SeriesConcepts.None;
        await foreach (DatasetManifest manifest in _lake.ListDatasetsAsync("silver/concepts/", cancellationToken).ConfigureAwait(false))
        {
            try
            {
                concepts = concepts.Merge(await _lake.ReadConceptsAsync(manifest, cancellationToken).ConfigureAwait(false));
            }
            catch (ArgumentException error)
            {
                throw new DataFormatException(manifest.Dataset, 0, null, null, $"the concept declarations clash with another file's: {error.Message}");
            }

            manifests.Add(manifest);
        }

        return new Inputs(ObservationSet.Combine(sets), catalog, cpi, sourceOf, manifests, concepts);
    }

    /// <summary>The default feature set over the chosen series (concepts standing for their members), plus the extra features.</summary>
    private static FeatureSet DefaultSet(FeatureStageOptions options, Dictionary<string, SeriesInfo> catalog, SeriesConcepts concepts)
    {
        catalog = MacroFeatureSet.ByConcept(catalog.Values, concepts).ToDictionary(s => s.Name, StringComparer.Ordinal);
        IEnumerable<SeriesInfo> series = catalog.Values;
        if (options.Series is { } chosen)
        {
            string[] unknown = [.. chosen.Where(s => !catalog.ContainsKey(s))];
            if (unknown.Length > 0)
            {
                throw new ArgumentException($"features.series names {string.Join(", ", unknown)}, which the lake's Silver catalogs and concepts do not have.");
            }

            var wanted = new HashSet<string>(chosen, StringComparer.Ordinal);
            series = series.Where(s => wanted.Contains(s.Name));
        }

        FeatureSet set = MacroFeatureSet.Default(series, options.MaxStalenessDays, options.FeatureSetName);
        return options.ExtraFeatures.Count == 0 ? set : set with { Features = [.. set.Features, .. options.ExtraFeatures] };
    }

    private static IReadOnlyList<DecisionDate> DefaultCalendar(ObservationSet observations, FeatureStageOptions options)
    {
        int first = observations.Releases.Min(), last = observations.Releases.Max();
        return DecisionCalendar.Of(options.Frequency, options.Start ?? DateOnly.FromDayNumber(first), options.End ?? DateOnly.FromDayNumber(last));
    }

    private static DatasetRecipe Recipe(FeatureStageOptions options, FeatureSet set, IReadOnlyList<DecisionDate> dates, Inputs inputs, Func<string, PublicationLagRule> lagOf)
    {
        var definition = new StringBuilder();
        foreach (FeatureDefinition feature in set.Features)
        {
            definition.Append(feature).Append('\n');
        }

        definition.Append(set.Regime).Append('\n').Append(set.MaxStalenessDays).Append('\n');
        var lags = new StringBuilder();
        foreach (string series in set.Features.Select(f => f.Series).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            lags.Append(series).Append('=').Append(lagOf(series)).Append('\n');
        }

        var calendar = new StringBuilder();
        foreach (DecisionDate date in dates)
        {
            calendar.Append(date).Append('\n');
        }

        var parameters = new Dictionary<string, string>
        {
            ["featureSet"] = set.Name,
            ["featureSetDigest"] = Digest(definition.ToString()),
            ["columns"] = set.ColumnNames.Count.ToString(CultureInfo.InvariantCulture),
            ["vintagePolicy"] = options.VintagePolicy.ToString(),
            ["maxStalenessDays"] = set.MaxStalenessDays?.ToString(CultureInfo.InvariantCulture) ?? "none",
            ["calendar"] = dates.Count == 0 ? "empty" : $"{dates[0]}..{dates[^1]} ({dates.Count} dates)",
            ["calendarDigest"] = Digest(calendar.ToString()),
            ["lagRulesDigest"] = Digest(lags.ToString()),
            ["universe"] = string.Join(';', options.Universe.Assets.Select(a => a.ToString())),
            ["labelHorizonsMonths"] = string.Join(',', options.LabelHorizonsInMonths),
            ["buildLabels"] = options.BuildLabels ? "true" : "false",
        };
        if (options.Frequency != DecisionFrequency.MonthEnd)
        {
            parameters["frequency"] = options.Frequency.ToString();
        }

        DatasetInput[] used = [.. inputs.Manifests.Select(m => new DatasetInput(m.Dataset, m.ContentSha256))];
        return new DatasetRecipe(Name, Version, parameters, used);
    }

    private static List<SeriesSummary> Summaries(ObservationSet observations, Dictionary<string, string> sourceOf, IReadOnlyList<DecisionDate> dates)
    {
        int lastDay = dates.Count == 0 ? int.MaxValue : dates[^1].Date.DayNumber;
        var summaries = new List<SeriesSummary>(observations.Series.Count);
        for (int s = 0; s < observations.Series.Count; s++)
        {
            int start = observations.SeriesOffsets[s], end = observations.SeriesOffsets[s + 1];
            int first = int.MaxValue, last = int.MinValue, knownLast = int.MinValue;
            for (int i = start; i < end; i++)
            {
                first = Math.Min(first, observations.Periods[i]);
                last = Math.Max(last, observations.Periods[i]);
                if (observations.Releases[i] <= lastDay)
                {
                    knownLast = Math.Max(knownLast, observations.Periods[i]);
                }
            }

            string series = observations.Series[s];
            summaries.Add(new SeriesSummary(series, sourceOf.GetValueOrDefault(series, "?"),
                new ReferencePeriod(DateOnly.FromDayNumber(first)), new ReferencePeriod(DateOnly.FromDayNumber(last)), end - start,
                knownLast == int.MinValue || dates.Count == 0 ? null : lastDay - knownLast));
        }

        return summaries;
    }

    private static string[] MissingAssetSeries(AssetUniverse universe, ObservationSet observations) =>
        [.. universe.Assets.SelectMany(a => a.Series).Distinct(StringComparer.Ordinal).Where(s => observations.IndexOfSeries(s) < 0)];

    private static Dictionary<string, string> CoverageProperties(FeatureCoverage coverage) => new()
    {
        ["coverage.cells"] = coverage.Cells.ToString(CultureInfo.InvariantCulture),
        ["coverage.knownCells"] = coverage.KnownCells.ToString(CultureInfo.InvariantCulture),
        ["coverage.staleCells"] = coverage.StaleCells.ToString(CultureInfo.InvariantCulture),
        ["coverage.pseudoRealTimeCells"] = coverage.PseudoRealTimeCells.ToString(CultureInfo.InvariantCulture),
        ["coverage.estimatedReleaseCells"] = coverage.EstimatedReleaseCells.ToString(CultureInfo.InvariantCulture),
        ["coverage.pseudoRealTimeShare"] = coverage.PseudoRealTimeShare.ToString("R", CultureInfo.InvariantCulture),
    };

    private static FeatureCoverage CoverageFrom(DatasetManifest manifest)
    {
        long Read(string name) => manifest.Properties.TryGetValue(name, out string? text) ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        return new FeatureCoverage(Read("coverage.cells"), Read("coverage.knownCells"), Read("coverage.staleCells"),
            Read("coverage.pseudoRealTimeCells"), Read("coverage.estimatedReleaseCells"));
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static DecisionDate? First(IReadOnlyList<DecisionDate> dates) => dates.Count == 0 ? null : dates[0];

    private static DecisionDate? Last(IReadOnlyList<DecisionDate> dates) => dates.Count == 0 ? null : dates[^1];

    private sealed record Inputs(
        ObservationSet Observations,
        Dictionary<string, SeriesInfo> Catalog,
        ReleaseCalendar? CpiCalendar,
        Dictionary<string, string> SourceOf,
        List<DatasetManifest> Manifests,
        SeriesConcepts Concepts);

    /// <summary>Each coverage row with the publication family of its series (or concept).</summary>
    private static IReadOnlyList<(FeatureYearCoverage Coverage, SeriesFamily Family)> Families(IReadOnlyList<FeatureYearCoverage> rows, Inputs inputs)
    {
        SeriesFamily FamilyOf(string name)
        {
            foreach (ConceptMember member in inputs.Concepts.Resolve(name).Members)
            {
                if (inputs.Catalog.TryGetValue(member.Series, out SeriesInfo? info))
                {
                    return info.Family;
                }
            }

            return SeriesFamily.Unknown;
        }

        return [.. rows.Select(r => (r, FamilyOf(r.Series)))];
    }
}
