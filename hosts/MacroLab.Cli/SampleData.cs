using MacroLab.Data.Sources;
using MacroLab.Data.Stages;

using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Stages;

namespace MacroLab.Cli;

/// <summary>
/// The bundled real data (samples/data, copied beside the executable) and how `macrolab run` ingests it. Provenance of
/// each file: samples/data/*/PROVENANCE.md.
/// </summary>
internal static class SampleData
{
    /// <summary>The default data folder: the copy next to the executable.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "samples", "data");

    /// <summary>The sources of the bundled sample, in ingest order.</summary>
    public static async Task<IReadOnlyList<IngestSource>> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The sample data folder {folder} does not exist (pass --data <dir>).");
        }

        string File(params string[] parts) => Path.Combine([folder, .. parts]);
        return
        [
            // Two real FRED-MD vintages; each file is named by its vintage month.
            await IngestSource.FromFileAsync(SourceFormat.FredMd, File("fred_md", "2019-10.csv"), cancellationToken: cancellationToken),
            await IngestSource.FromFileAsync(SourceFormat.FredMd, File("fred_md", "2023-06.csv"), cancellationToken: cancellationToken),

            // The monthly factor file built from the 202408 CRSP database (its preamble was removed upstream; see PROVENANCE.md).
            await IngestSource.FromFileAsync(SourceFormat.FamaFrench, File("fama_french_3factors", "F-F_Research_Data_Factors.CSV"),
                new SourceReadOptions { Vintage = "2024-08" }, "ff3_monthly", cancellationToken),

            // Daily Treasury constant-maturity yields from H.15.
            await IngestSource.FromFileAsync(SourceFormat.H15, File("us_treasury_yields_h15", "FRB_H15.csv"), datasetName: "treasury_daily", cancellationToken: cancellationToken),

            // The BLS schedule of CPI releases, which dates the CPI series exactly from 2015.
            await IngestSource.CalendarFromFileAsync("cpi", File("release_calendars", "cpi_dates.csv"), cancellationToken),
        ];
    }

    /// <summary>
    /// The backtest of <c>macrolab run</c> and of <c>macrolab backtest</c> without a config: a 20-trial grid of the ridge tilt
    /// model (penalty x label horizon x tilt size) on the Gold features plus the CPI-surprise CATE signals, on the us_macro5 universe, funded from CASH, expanding purged walk-forward with
    /// at least 10 years of training, yearly refits each January, 5 bp costs.
    /// </summary>
    public static BacktestStageOptions DefaultBacktest() => new()
    {
        Name = "macro_ridge",
        Strategy = "ridge",
        Signals = ["cpi_surprise"],
        Grid = new ParameterGrid(
        [
            new("lambda", ["0.1", "1", "10", "100", "1000"]),
            new("horizon", ["1", "3"]),
            new("tiltScale", ["0.5", "1"]),
        ]),
    };
}
