using MacroLab.Backtest.Strategies;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Models.Strategies;
using MacroLab.Registry;

namespace MacroLab.Hosting.Tests;

/// <summary>
/// A lake and its embedded registry, with the whole pipeline run once on the bundled real data under a reduced
/// configuration (a short calendar, one small MLP grid of two trials, one benchmark, gates loose enough to pass).
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The reduced configuration (tests/MacroLab.TestSupport/reduced-pipeline.yaml): every stage runs, in seconds.</summary>
    public static string Reduced { get; } = File.ReadAllText(Repository.ReducedPipeline);

    private readonly TemporaryFolder _folder = new();

    public static StrategyCatalog Catalog { get; } = StrategyCatalog.BuiltIn.WithTiltModels();

    public Lake Lake { get; private set; } = null!;

    public ModelRegistry Registry { get; private set; } = null!;

    public string Root => _folder.File("lake");

    /// <summary>The outcome of the first run.</summary>
    public PipelineResult First { get; private set; } = null!;

    /// <summary>Every dataset's content digest after the first run.</summary>
    public IReadOnlyDictionary<string, string> FirstDigests { get; private set; } = null!;

    public static PipelineConfig Config(string? yaml = null) => PipelineConfigReader.Parse(yaml ?? Reduced, "e2e.yaml", yaml: true, Catalog);

    public async Task InitializeAsync()
    {
        Lake = new Lake(new LocalObjectStore(Root));
        Registry = ModelRegistry.OpenSqlite(Path.Combine(Root, "registry", "registry.sqlite"), Lake.Store);
        First = await RunAsync(Config());
        FirstDigests = await DigestsAsync();
    }

    /// <summary>Runs the pipeline (or part of it) on the fixture's lake.</summary>
    public Task<PipelineResult> RunAsync(PipelineConfig config, bool force = false, string? from = null, string? until = null, IModelRegistry? registry = null) =>
        new PipelineRunner(new PipelineContext(Lake, registry ?? Registry, config, Path.Combine(Repository.Root, "samples", "data"))
        {
            Force = force,
            Actor = "e2e-test",
        }).RunAsync(from, until);

    /// <summary>Every dataset of the lake with its content digest.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DigestsAsync()
    {
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (DatasetManifest manifest in Lake.ListDatasetsAsync())
        {
            digests[manifest.Dataset] = manifest.ContentSha256;
        }

        return digests;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Registry?.Dispose();
        _folder.Dispose();
    }
}
