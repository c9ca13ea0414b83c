using System.Globalization;
using MacroLab.Backtest;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.Stages;
using MacroLab.Causal.Stages;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Configuration;

namespace MacroLab.Hosting.Pipeline;

/// <summary>The stage options a configuration stands for: the one place where the file's fields meet the packages' options.</summary>
public static class PipelineOptions
{
    /// <summary>The files to ingest, read from <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A source file does not exist.</exception>
    public static async Task<IReadOnlyList<IngestSource>> SourcesAsync(PipelineConfig config, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The data folder {folder} does not exist (set data.folder in the configuration, or pass --data <dir>).");
        }

        var sources = new List<IngestSource>(config.Data.Sources.Count);
        foreach (SourceConfig s in config.Data.Sources)
        {
            string path = Path.IsPathRooted(s.Path) ? s.Path : Path.Combine(folder, s.Path);
            if (s.Format == "calendar")
            {
                sources.Add(await IngestSource.CalendarFromFileAsync(s.Name!, path, cancellationToken).ConfigureAwait(false));
                continue;
            }

            if (s.Format == "concepts")
            {
                sources.Add(await IngestSource.ConceptsFromFileAsync(s.Name ?? Path.GetFileNameWithoutExtension(path), path, cancellationToken).ConfigureAwait(false));
                continue;
            }

            var options = new SourceReadOptions
            {
                Vintage = s.Vintage,
                ReleasedOn = s.Released,
                Lag = s.Lag is null ? null : PublicationLagRule.Parse(s.Lag),
            };
            sources.Add(await IngestSource.FromFileAsync(SourceFormatNames.Parse(s.Format), path, options, s.Name, cancellationToken).ConfigureAwait(false));
        }

        return sources;
    }

    /// <summary>The feature stage's options.</summary>
    public static FeatureStageOptions Features(PipelineConfig config, bool force)
    {
        ArgumentNullException.ThrowIfNull(config);
        FeaturesConfig f = config.Features;
        return new FeatureStageOptions
        {
            FeatureSetName = f.Name,
            Series = f.Series,
            ExtraFeatures = [.. f.Extra.Select(Extra)],
            VintagePolicy = VintagePolicyNames.Parse(f.Policy),
            MaxStalenessDays = f.MaxStalenessDays,
            Start = f.Start,
            End = f.End,
            LabelHorizonsInMonths = f.LabelHorizons,
            Universe = Universe(config),
            Frequency = Frequency(config),
            Force = force,
        };
    }

    /// <summary>The decision calendar (<c>calendar</c>).</summary>
    public static DecisionFrequency Frequency(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Calendar switch
        {
            "week-end" => DecisionFrequency.WeekEnd,
            "business-day" => DecisionFrequency.BusinessDay,
            _ => DecisionFrequency.MonthEnd,
        };
    }

    /// <summary>How people name the calendar's decision dates: (<c>month end</c>, <c>month ends</c>), Fridays, or business days.</summary>
    public static (string One, string Many) DecisionDateWords(PipelineConfig config) => Frequency(config) switch
    {
        DecisionFrequency.WeekEnd => ("Friday", "Fridays"),
        DecisionFrequency.BusinessDay => ("business day", "business days"),
        _ => ("month end", "month ends"),
    };

    /// <summary>The asset universe: the configuration's own, or <c>us_macro5</c>.</summary>
    public static AssetUniverse Universe(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Universe?.ToUniverse() ?? AssetUniverse.Default;
    }

    /// <summary>
    /// How target weights become positions: <c>simulation</c>, with the universe's per-asset costs and weight caps laid out
    /// in the order of the traded assets (<c>models.assets</c>, or every asset of the universe).
    /// </summary>
    public static SimulationOptions Simulation(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        SimulationOptions simulation = config.Simulation;
        if (config.Universe is not { } universe || (universe.CostBps.Count == 0 && universe.MaxWeight.Count == 0))
        {
            return simulation;
        }

        IReadOnlyList<string> traded = config.Models.Assets ?? [.. universe.Assets.Select(a => a.Name)];
        return simulation with
        {
            CostBps = universe.CostBps.Count == 0 ? simulation.CostBps
                : [.. traded.Select(a => universe.CostBps.TryGetValue(a, out double bp) ? bp : simulation.DefaultCostBps)],
            MaxWeights = universe.MaxWeight.Count == 0 ? null
                : [.. traded.Select(a => universe.MaxWeight.TryGetValue(a, out double cap) ? Math.Min(cap, simulation.MaxGrossLeverage) : simulation.MaxGrossLeverage)],
        };
    }

    /// <summary>The suffix of the datasets built on revised data (the latest vintage) to measure what revisions cost.</summary>
    public const string RevisedSuffix = "-revised";

    /// <summary>
    /// The feature stage's options for the same features on revised data: every value at its latest revision, as a backtest
    /// on today's data would use it (<see cref="VintagePolicy.LatestRevision"/>), into <c>gold/features/&lt;name&gt;-revised@&lt;variant&gt;</c> at the real-time set's decision dates;
    /// labels are not rebuilt (they are the real-time run's).
    /// </summary>
    public static FeatureStageOptions RevisedFeatures(PipelineConfig config, bool force)
    {
        FeatureStageOptions options = Features(config, force);
        options.FeatureSetName = config.Features.Name + RevisedSuffix;
        options.VintagePolicy = VintagePolicy.LatestRevision;
        options.BuildLabels = false;
        options.DecisionDatesOf = FeatureDatasets(config).FeatureSet; // the real-time set's dates, so that its labels serve both
        return options;
    }

    /// <summary>The Gold datasets of the configuration's feature set (keys with their variants).</summary>
    public static FeatureStageDatasets FeatureDatasets(PipelineConfig config, bool revised = false) =>
        FeatureStage.Datasets(revised ? RevisedFeatures(config, force: false) : Features(config, force: false));

    /// <summary>The Gold signal dataset of a treatment (<c>gold/signals/&lt;name&gt;@&lt;variant&gt;</c>), on revised data with <paramref name="revised"/>.</summary>
    public static string SignalDataset(PipelineConfig config, TreatmentConfig treatment, bool revised = false) =>
        SignalStage.Dataset(Signal(config, treatment, force: false, revised));

    // The signal set as a GoldDatasetRequest names it: the key's last segment, name@variant.
    private static string SignalSet(PipelineConfig config, TreatmentConfig treatment, bool revised)
    {
        string dataset = SignalDataset(config, treatment, revised);
        return dataset[(dataset.LastIndexOf('/') + 1)..];
    }

    /// <summary>The signal stage's options for one treatment; with <paramref name="revised"/>, on the revised-data features, into <c>gold/signals/&lt;name&gt;-revised@&lt;variant&gt;</c>.</summary>
    public static SignalStageOptions Signal(PipelineConfig config, TreatmentConfig treatment, bool force = false, bool revised = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(treatment);
        string suffix = revised ? RevisedSuffix : string.Empty;
        FeatureStageDatasets gold = FeatureDatasets(config);
        return new SignalStageOptions
        {
            Name = treatment.Name + suffix,
            FeatureSet = revised ? FeatureDatasets(config, revised: true).FeatureSet : gold.FeatureSet,
            Universe = gold.Universe,
            Frequency = Frequency(config),
            Surprise = treatment.ToSurprise(),
            Covariates = treatment.Covariates,
            Assets = config.Models.Assets,
            Signals = treatment.ToSignalFits(config.Seed),
            Force = force,
        };
    }

    /// <summary>The backtest every trial and benchmark runs.</summary>
    public static BacktestOptions Backtest(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new BacktestOptions { PeriodsPerYear = config.PeriodsPerYear, WalkForward = config.WalkForward, Simulation = Simulation(config) };
    }

    /// <summary>A candidate's grid: its fixed parameters (and the pipeline's seed, unless it sets one) as one-value entries, then its grid.</summary>
    public static StrategyGrid Candidate(PipelineConfig config, CandidateConfig candidate)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(candidate);
        var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        if (!candidate.Parameters.ContainsKey("seed") && !candidate.Grid.ContainsKey("seed"))
        {
            entries.Add(new("seed", [config.Seed.ToString(CultureInfo.InvariantCulture)]));
        }

        entries.AddRange(candidate.Parameters.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, [p.Value])));
        entries.AddRange(candidate.Grid);
        return new StrategyGrid(candidate.Strategy, new ParameterGrid(entries));
    }

    /// <summary>The search of the candidate models: <c>gold/backtests/&lt;name&gt;</c>.</summary>
    public static BacktestStageOptions ModelSearch(PipelineConfig config, bool force)
    {
        ArgumentNullException.ThrowIfNull(config);
        return BacktestBase(config, force) with
        {
            Name = config.Name,
            Candidates = [.. config.Models.Candidates.Select(c => Candidate(config, c))],
        };
    }

    /// <summary>
    /// An ablation's search (<c>gold/backtests/&lt;name&gt;/ablations/&lt;ablation&gt;</c>): the candidates' nested search with the
    /// ablation's inputs removed.
    /// </summary>
    /// <exception cref="ArgumentException">The ablation leaves no feature column.</exception>
    public static BacktestStageOptions Ablation(PipelineConfig config, AblationConfig ablation, bool force)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(ablation);
        BacktestStageOptions full = ModelSearch(config, force);
        IReadOnlyList<string>? features = full.Features is { } chosen ? [.. chosen.Where(ablation.Keeps)] : null;
        if (features is { Count: 0 })
        {
            throw new ArgumentException($"Ablation '{ablation.Name}' leaves none of the models' feature columns.");
        }

        return full with
        {
            Name = RunLayout.Ablation(config.Name, ablation.Name),
            Features = features,
            Signals = ablation.DropSignals ? [] : full.Signals,
        };
    }

    /// <summary>A benchmark's backtest: <c>gold/backtests/&lt;name&gt;/benchmarks/&lt;strategy&gt;</c>.</summary>
    public static BacktestStageOptions Benchmark(PipelineConfig config, BenchmarkConfig benchmark, bool force)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(benchmark);
        return BacktestBase(config, force) with
        {
            Name = RunLayout.Benchmark(config.Name, benchmark.Strategy),
            Strategy = benchmark.Strategy,
            Parameters = benchmark.Parameters,
        };
    }

    /// <summary>
    /// The selected trial's backtest on revised data (<c>gold/backtests/&lt;name&gt;/revised</c>): the same strategy, parameters,
    /// walk-forward and inputs, with every feature and signal at its latest revision: what a backtest blind to revisions claims.
    /// </summary>
    public static BacktestStageOptions RevisedBacktest(PipelineConfig config, string strategy, IReadOnlyDictionary<string, string> parameters, bool force)
    {
        ArgumentNullException.ThrowIfNull(config);
        return BacktestBase(config, force) with
        {
            Name = $"{config.Name}/revised",
            FeatureSet = FeatureDatasets(config, revised: true).FeatureSet,
            Universe = FeatureDatasets(config).Universe,
            Signals = [.. config.Treatments.Select(t => SignalSet(config, t, revised: true))],
            Strategy = strategy,
            Parameters = parameters,
        };
    }

    /// <summary>The Gold tables the models read: the features with every treatment's signals, and the labels.</summary>
    public static GoldDatasetRequest Gold(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        FeatureStageDatasets features = FeatureDatasets(config);
        return new GoldDatasetRequest
        {
            FeatureSet = features.FeatureSet,
            Features = config.Models.Features,
            Signals = [.. config.Treatments.Select(t => SignalSet(config, t, revised: false))],
            Universe = features.Universe,
            Frequency = Frequency(config),
            Assets = config.Models.Assets,
            RiskFreeAsset = config.Models.RiskFreeAsset,
            Start = config.Models.Start,
            End = config.Models.End,
        };
    }

    /// <summary>The registered model's name.</summary>
    public static string ModelName(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Registry.Model ?? config.Name;
    }

    private static BacktestStageOptions BacktestBase(PipelineConfig config, bool force)
    {
        GoldDatasetRequest gold = Gold(config);
        return new BacktestStageOptions
        {
            FeatureSet = gold.FeatureSet,
            Features = gold.Features,
            Signals = gold.Signals,
            Universe = gold.Universe,
            Frequency = gold.Frequency,
            Assets = gold.Assets,
            RiskFreeAsset = gold.RiskFreeAsset,
            Start = gold.Start,
            End = gold.End,
            Backtest = Backtest(config),
            Gates = config.Gates,
            GridSearch = config.Selection,
            HoldOutPeriods = config.Lockbox.Periods,
            MaxParallelism = config.Models.MaxParallelism,
            Force = force,
        };
    }

    private static FeatureDefinition Extra(ExtraFeatureConfig x) => new(x.Name, x.Series, x.Transform switch
    {
        "level" => SeriesTransform.Level,
        "diff" => SeriesTransform.Difference,
        "diff2" => SeriesTransform.SecondDifference,
        "log" => SeriesTransform.Log,
        "logdiff" => SeriesTransform.LogDifference,
        "logdiff2" => SeriesTransform.SecondLogDifference,
        "pctdiff" => SeriesTransform.PercentChangeDifference,
        "yoy" => SeriesTransform.YearOverYear,
        "yoylog" => SeriesTransform.YearOverYearLog,
        _ => SeriesTransform.YearOverYearDifference,
    })
    {
        Window = x.Window switch
        {
            "mean" => WindowStatistic.Mean,
            "sum" => WindowStatistic.Sum,
            "std" => WindowStatistic.StandardDeviation,
            "zscore" => WindowStatistic.ZScore,
            _ => WindowStatistic.None,
        },
        WindowLength = x.WindowLength,
    };
}
