using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MacroLab.Backtest;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.WalkForward;
using MacroLab.Data;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

namespace MacroLab.Benchmarks;

/// <summary>
/// The 20-trial ridge grid of <c>macrolab run</c> on the bundled data (us_macro5, 149 features, expanding purged
/// walk-forward, yearly refits): every trial a full walk-forward backtest, serial versus two trials at a time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class GridSearchBenchmarks
{
    private static readonly ParameterGrid Grid = new(
    [
        new("lambda", ["0.1", "1", "10", "100", "1000"]),
        new("horizon", ["1", "3"]),
        new("tiltScale", ["0.5", "1"]),
    ]);

    private static readonly BacktestOptions Options = new()
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 120, TestPeriods = 12, AlignToMonth = 1 },
    };

    private BacktestDataset _data = null!;

    [Params(1, 2)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup() => _data = BuildAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "20-trial ridge grid, walk-forward each")]
    public async Task<double?> Grid20()
    {
        GridSearchResult result = await new GridSearch(Options, executor: new InProcessTrialExecutor(Parallelism)).RunAsync(_data, "ridge", Grid);
        return result.Selected?.MeanFoldSharpe;
    }

    private static async Task<BacktestDataset> BuildAsync()
    {
        string folder = Path.Combine(Path.GetTempPath(), "macrolab-bench-lake");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var lake = new Lake(new LocalObjectStore(folder));
        await new IngestStage(lake).RunAsync(
        [
            await IngestSource.FromFileAsync(SourceFormat.FredMd, RepositoryRoot.Sample("fred_md", "2019-10.csv")),
            await IngestSource.FromFileAsync(SourceFormat.FredMd, RepositoryRoot.Sample("fred_md", "2023-06.csv")),
            await IngestSource.FromFileAsync(SourceFormat.FamaFrench, RepositoryRoot.Sample("fama_french_3factors", "F-F_Research_Data_Factors.CSV"),
                new SourceReadOptions { Vintage = "2024-08" }, "ff3_monthly"),
            await IngestSource.FromFileAsync(SourceFormat.H15, RepositoryRoot.Sample("us_treasury_yields_h15", "FRB_H15.csv"), datasetName: "treasury_daily"),
            await IngestSource.CalendarFromFileAsync("cpi", RepositoryRoot.Sample("release_calendars", "cpi_dates.csv")),
        ]);
        await new FeatureStage(lake).RunAsync(new FeatureStageOptions());
        TimeSeriesTable features = await lake.ReadTableAsync(LakeLayout.GoldFeatures("macro_monthly"));
        TimeSeriesTable labels = await lake.ReadTableAsync(LakeLayout.GoldLabels("us_macro5"));
        BacktestDataset data = BacktestDataset.FromGold(features, labels, ["US_EQUITY", "SMB", "HML", "UST10Y", "CASH"], "CASH");
        Console.WriteLine($"// {data.RowCount} decision dates x {data.FeatureCount} features x {data.AssetCount} assets");
        return data;
    }
}
