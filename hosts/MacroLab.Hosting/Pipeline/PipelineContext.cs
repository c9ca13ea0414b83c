using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Strategies;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Decisions;
using MacroLab.Hosting.Events;
using MacroLab.Models.Strategies;
using MacroLab.Registry;

namespace MacroLab.Hosting.Pipeline;

/// <summary>What every stage of a run works with: the lake, the registry, the configuration and the run's settings.</summary>
public sealed class PipelineContext
{
    /// <summary>A context.</summary>
    /// <param name="lake">The lake every stage reads and writes.</param>
    /// <param name="registry">The model registry.</param>
    /// <param name="config">The validated configuration.</param>
    /// <param name="dataFolder">The folder the sources are read from, as the host resolved it (see <see cref="SourceFolder"/>).</param>
    public PipelineContext(Lake lake, IModelRegistry registry, PipelineConfig config, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        Lake = lake;
        Registry = registry;
        Config = config;
        DataFolder = dataFolder;
        ConfigSha256 = PipelineConfigReader.Sha256(config);
        Events = new LabEventLog(lake.Store);
    }

    /// <summary>The lake.</summary>
    public Lake Lake { get; }

    /// <summary>The lab's event log in the lake (promotions, rejections, underperformance...).</summary>
    public LabEventLog Events { get; }

    /// <summary>The registry.</summary>
    public IModelRegistry Registry { get; }

    /// <summary>The configuration.</summary>
    public PipelineConfig Config { get; }

    /// <summary>The SHA-256 of the canonical configuration.</summary>
    public string ConfigSha256 { get; }

    /// <summary>The folder the sources are read from.</summary>
    public string DataFolder { get; }

    /// <summary>Recompute every stage even when its outputs are current (registration stays idempotent: an identical model is found again).</summary>
    public bool Force { get; init; }

    /// <summary>The strategies by name: the built-ins and the TorchSharp tilt models.</summary>
    public StrategyCatalog Catalog { get; init; } = StrategyCatalog.BuiltIn.WithTiltModels();

    /// <summary>Where grid trials run; null for in-process, in parallel.</summary>
    public ITrialExecutor? Executor { get; init; }

    /// <summary>Who runs the pipeline, as recorded in the registry (versions and alias moves).</summary>
    public string Actor { get; init; } = "macrolab-pipeline";

    /// <summary>Which book <c>decide</c> and <c>track</c> work on, and whether to replay history.</summary>
    public DecisionOptions Decisions { get; init; } = new();

    /// <summary>The clock decisions are timed by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The build's identity, for lineage.</summary>
    public BuildInfo Build { get; init; } = BuildInfo.Current;

    /// <summary>The registered model's name.</summary>
    public string ModelName => PipelineOptions.ModelName(Config);

    /// <summary>Reads a dataset's manifest, or fails saying which stage makes it.</summary>
    /// <exception cref="MissingStageOutputException">The dataset is missing.</exception>
    public async Task<DatasetManifest> RequireAsync(string dataset, string stage, CancellationToken cancellationToken) =>
        await Lake.GetManifestAsync(dataset, cancellationToken).ConfigureAwait(false)
            ?? throw new MissingStageOutputException($"The lake at {Lake.Store.Location} has no {dataset}: run the {stage} stage first (macrolab run --from {stage}).");
}
