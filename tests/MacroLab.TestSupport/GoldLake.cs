using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Xunit;

namespace MacroLab.TestSupport;

/// <summary>A local lake with Gold built once from the bundled real data (one FRED-MD vintage, factors, yields).</summary>
public sealed class GoldLake : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public Lake Lake { get; private set; } = null!;

    public string Root => _folder.Path;

    public async Task InitializeAsync()
    {
        Lake = new Lake(new LocalObjectStore(_folder.Path));
        IngestSource[] sources =
        [
            await IngestSource.FromFileAsync(SourceFormat.FredMd, Repository.Sample("fred_md", "2023-06.csv")),
            await IngestSource.FromFileAsync(SourceFormat.FamaFrench, Repository.Sample("fama_french_3factors", "F-F_Research_Data_Factors.CSV"),
                new SourceReadOptions { Vintage = "2024-08" }, "ff3_monthly"),
            await IngestSource.FromFileAsync(SourceFormat.H15, Repository.Sample("us_treasury_yields_h15", "FRB_H15.csv"), datasetName: "treasury_daily"),
        ];
        await new IngestStage(Lake).RunAsync(sources);
        await new FeatureStage(Lake).RunAsync(new FeatureStageOptions());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}
