using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Registry;

namespace MacroLab.Benchmarks;

/// <summary>
/// The first two stages of <c>macrolab run</c> with the default configuration on the bundled real-time data: every FRED-MD
/// vintage (the 4.4 MB archive, 683,537 changes of 267 vintages), the six RTDSM workbooks, the factors, the yields, the CPI
/// calendar and the concept declarations; then Gold twice (real-time, and on revised data for the revision-cost report).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RealTimeLakeBenchmarks
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "macrolab-bench-realtime", Guid.NewGuid().ToString("N"));
    private readonly PipelineConfig _config = new();
    private string _fresh = null!;
    private string _built = null!;

    [GlobalSetup]
    public void Setup()
    {
        _built = Path.Combine(_root, "built");
        PipelineResult result = RunAsync(_built, null, StageGraph.Features).GetAwaiter().GetResult();
        Console.WriteLine($"// built {_built}: {string.Join(", ", result.Steps.Select(s => $"{s.Stage} {s.Status}"))}");
    }

    [IterationSetup(Targets = [nameof(IngestFromAFreshLake), nameof(IngestAndFeaturesFromAFreshLake)])]
    public void NewLake() => _fresh = Path.Combine(_root, Guid.NewGuid().ToString("N"));

    [IterationCleanup(Targets = [nameof(IngestFromAFreshLake), nameof(IngestAndFeaturesFromAFreshLake)])]
    public void DeleteLake() => Directory.Delete(_fresh, recursive: true);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>Ingest alone: read, validate and store every source (Bronze bytes, Silver Parquet) in a new lake.</summary>
    [Benchmark]
    public Task<PipelineResult> IngestFromAFreshLake() => RunAsync(_fresh, null, StageGraph.Ingest);

    /// <summary>The goal's measure: ingest plus both feature builds from a new lake (goal: at most 30 s on 2 cores).</summary>
    [Benchmark]
    public Task<PipelineResult> IngestAndFeaturesFromAFreshLake() => RunAsync(_fresh, null, StageGraph.Features);

    /// <summary>The feature builds alone (forced) on an ingested lake: concepts, calendar dating, the join, coverage, provenance.</summary>
    [Benchmark]
    public Task<PipelineResult> FeaturesForcedOnAnIngestedLake() => RunAsync(_built, StageGraph.Features, StageGraph.Features, force: true);

    /// <summary>A re-run on a lake that is up to date: every skip check (with content verification) and nothing written (goal: at most 2 s).</summary>
    [Benchmark]
    public Task<PipelineResult> RerunWithNothingChanged() => RunAsync(_built, null, StageGraph.Features);

    private async Task<PipelineResult> RunAsync(string folder, string? from, string until, bool force = false)
    {
        var lake = new Lake(new LocalObjectStore(folder));
        using ModelRegistry registry = ModelRegistry.OpenSqlite(Path.Combine(folder, "registry", "registry.sqlite"), lake.Store);
        return await new PipelineRunner(new PipelineContext(lake, registry, _config, RepositoryRoot.Sample()) { Force = force }).RunAsync(from, until);
    }
}
