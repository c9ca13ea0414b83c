// A point-in-time join, an X-Learner and a backtest, with the MacroLab packages restored from a feed.
//   dotnet run --project samples/consumer -- [data folder]      (default: samples/data beside this project)
using MacroLab.Backtest;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;
using MacroLab.Causal.Stages;
using MacroLab.Data;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;

string data = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "data");
if (!Directory.Exists(Path.Combine(data, "fred_md")))
{
    Console.Error.WriteLine($"No bundled data at {Path.GetFullPath(data)}: pass the samples/data folder.");
    return 66;
}

string folder = Path.Combine(Path.GetTempPath(), "macrolab-consumer", Guid.NewGuid().ToString("N"));
try
{
    var lake = new Lake(new LocalObjectStore(folder));

    // Ingest: every FRED-MD vintage, the RTDSM workbooks, the factors and yields that make the labels, the CPI calendar and
    // the concept declarations (which series measure one quantity).
    string[] workbooks = ["pcpiMvMd", "pcpixMvMd", "employMvMd", "iptMvMd", "rucQvMd", "ROUTPUTQvQd"];
    IngestSource[] sources =
    [
        await IngestSource.FromFileAsync(SourceFormat.FredMdArchive, Path.Combine(data, "fred_md", "vintages.csv.gz"), datasetName: "vintages"),
        .. await Task.WhenAll(workbooks.Select(w => IngestSource.FromFileAsync(SourceFormat.Rtdsm, Path.Combine(data, "rtdsm", $"{w}.xlsx"), datasetName: w[..^4].ToLowerInvariant()))),
        await IngestSource.FromFileAsync(SourceFormat.FamaFrench, Path.Combine(data, "fama_french_3factors", "F-F_Research_Data_Factors.CSV"),
            new SourceReadOptions { Vintage = "2024-08" }, "ff3_monthly"),
        await IngestSource.FromFileAsync(SourceFormat.H15, Path.Combine(data, "us_treasury_yields_h15", "FRB_H15.csv"), datasetName: "treasury_daily"),
        await IngestSource.CalendarFromFileAsync("cpi", Path.Combine(data, "release_calendars", "cpi_dates.csv")),
        await IngestSource.ConceptsFromFileAsync("us_macro", Path.Combine(data, "concepts", "us_macro.csv")),
    ];
    await new IngestStage(lake).RunAsync(sources);

    // The point-in-time join: at each month end, each value as it stood in the newest vintage published by then.
    FeatureStageResult gold = await new FeatureStage(lake).RunAsync(new FeatureStageOptions());
    TimeSeriesTable features = await lake.ReadTableAsync(LakeLayout.GoldFeatures("macro_monthly"));
    int oct2019 = features.IndexOf(new DateOnly(2019, 10, 31));
    Console.WriteLine($"features: {gold.Columns} x {gold.DecisionDates} month ends; CPI inflation known at 2019-10-31: {features.Column("CPIAUCSL.yoy")[oct2019]:0.0000}");

    // The X-Learner, walk-forward: the effect of a CPI surprise on each asset's next-month return, refitted yearly.
    SignalStageResult signals = await new SignalStage(lake).RunAsync(new SignalStageOptions());
    TimeSeriesTable cate = await lake.ReadTableAsync(signals.Dataset);
    double[] equity = [.. cate.Column("cate.US_EQUITY").ToArray().Where(double.IsFinite)];
    Console.WriteLine($"cate: {signals.Dataset}; {equity.Length} months of cate.US_EQUITY, mean {equity.Average():0.0000}; first signal {signals.FirstSignal:yyyy-MM-dd}");

    // A purged walk-forward backtest of a ridge tilt model on the features and the causal signals.
    BacktestDataset panel = BacktestDataset.FromGold(await GoldDataset.LoadAsync(lake, new GoldDatasetRequest { Signals = ["cpi_surprise"] }));
    var options = new BacktestOptions
    {
        PeriodsPerYear = 12,
        WalkForward = new WalkForwardOptions { TrainPeriods = 120, TestPeriods = 12, AlignToMonth = 1 },
    };
    BacktestResult ridge = new WalkForwardBacktest(options).Run(panel, StrategyCatalog.BuiltIn.Create("ridge", new Dictionary<string, string> { ["lambda"] = "10", ["horizon"] = "3" }));
    Console.WriteLine($"backtest: {ridge.Strategy} {ridge.Metrics.Start:yyyy-MM} .. {ridge.Metrics.End:yyyy-MM}, Sharpe {ridge.Metrics.Sharpe:0.000}, max drawdown {ridge.Metrics.MaxDrawdown.Depth:P1}");

    // The record the backtest stage stores as results.json, written and read back as any later tool would.
    BacktestRecord record = BacktestJson.Deserialize(BacktestJson.Serialize(BacktestRecord.Of("ridge", panel, ridge)), "results.json");
    Console.WriteLine($"record: {record.Strategy}, {record.Returns.Count} periods in {record.Folds.Count} folds, Sharpe {record.Metrics.Sharpe:0.000}");
    return 0;
}
finally
{
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
}
