using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MacroLab.Backtest.Strategies;
using MacroLab.Data.Storage;
using MacroLab.Models.Strategies;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Registry;

namespace MacroLab.Benchmarks;

/// <summary>
/// The pipeline at scale (<see cref="ScaleData"/>): 100 assets x 30 years of business days (782,800 daily prices), 500
/// monthly macro series with three estimates each (612,000 observations with vintages), monthly decisions. One measured
/// run per stage: ingest into a fresh lake; the features (1,000 point-in-time columns at 348 month ends, the assets' month
/// returns and labels) forced on an ingested lake; the 20-trial grid with nested selection, the equal-weight benchmark and
/// the revised-data run, then training the selected model, forced. Each iteration also prints the process's peak resident
/// memory over that iteration (Linux resets the high-water mark through <c>/proc/self/clear_refs</c>; the heap a previous
/// benchmark left in this process counts too, so RESULTS.md takes each stage's peak from <c>macrolab run</c> on
/// <c>scale.json</c>, which setup writes beside the data).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneRunInProcess))]
public class ScaleBenchmarks
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "macrolab-bench-scale");
    private PipelineConfig _config = null!;

    /// <summary>Decisions at month ends, or every business day.</summary>
    [Params(false, true)]
    public bool Daily { get; set; }
    private string _fresh = null!;
    private string _built = null!;

    [GlobalSetup]
    public void Setup()
    {
        string data = Path.Combine(_root, "data");
        (long prices, long macro) = ScaleData.Write(data);
        Console.WriteLine($"// data {data}: {prices:N0} prices, {macro:N0} macro observations");
        _config = ScaleData.Config(data, Daily);
        PipelineConfigReader.Validate(_config, StrategyCatalog.BuiltIn.WithTiltModels(), "ScaleData.Config");

        // The same configuration as a file, for `macrolab run --config` (peak memory of each stage in a process of its own).
        File.WriteAllText(Path.Combine(data, Daily ? "scale-daily.json" : "scale.json"), PipelineConfigReader.Indented(_config));
        _built = Path.Combine(_root, Daily ? "built-daily" : "built");
        if (!File.Exists(Path.Combine(_built, "complete.txt")))
        {
            RunAsync(_built, null, StageGraph.Features).GetAwaiter().GetResult();
            File.WriteAllText(Path.Combine(_built, "complete.txt"), "features");
        }
    }

    [IterationSetup]
    public void ResetPeak()
    {
        _fresh = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        GC.Collect();
        if (File.Exists("/proc/self/clear_refs"))
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
    }

    [IterationCleanup]
    public void ReportPeak()
    {
        string? peak = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            : null;
        Console.WriteLine($"// peak resident memory over the iteration: {peak ?? "n/a"}");
        if (Directory.Exists(_fresh))
        {
            Directory.Delete(_fresh, recursive: true);
        }
    }

    /// <summary>Read, validate and store the three files (1.4 million rows) in a new lake.</summary>
    [Benchmark]
    public Task<PipelineResult> Ingest() => RunAsync(_fresh, null, StageGraph.Ingest);

    /// <summary>The features, asset returns and labels (and the revised-data features), forced on the ingested lake.</summary>
    [Benchmark]
    public Task<PipelineResult> Features() => RunAsync(_built, StageGraph.Features, StageGraph.Features, force: true);

    /// <summary>The 20-trial grid with nested selection, benchmark and revised run, and training the selected model, forced.</summary>
    [Benchmark]
    public Task<PipelineResult> GridAndTraining() => RunAsync(_built, StageGraph.Backtest, StageGraph.Train, force: true);

    /// <summary>One measured run of each stage, in this process (TorchSharp's native library is resolved from this build's output).</summary>
    private sealed class OneRunInProcess : ManualConfig
    {
        public OneRunInProcess() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1));
    }

    private async Task<PipelineResult> RunAsync(string folder, string? from, string until, bool force = false)
    {
        var lake = new Lake(new LocalObjectStore(folder));
        using ModelRegistry registry = ModelRegistry.OpenSqlite(Path.Combine(folder, "registry", "registry.sqlite"), lake.Store);
        PipelineResult result = await new PipelineRunner(new PipelineContext(lake, registry, _config, _config.Data.Folder!) { Force = force }).RunAsync(from, until);
        foreach (StepOutcome step in result.Steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {step.Stage} {step.Status} {step.Elapsed.TotalSeconds:F1} s: {string.Join(" | ", step.Notes)}"));
        }

        return result;
    }
}
