using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Stages;

namespace MacroLab.Cli;

/// <summary>
/// The bundled real data (samples/data, copied beside the executable; which files <c>macrolab run</c> ingests is the
/// configuration's <c>data.sources</c>) and the default backtest of <c>macrolab backtest</c>. Provenance of each file:
/// samples/data/*/PROVENANCE.md.
/// </summary>
internal static class SampleData
{
    /// <summary>The default data folder: the copy next to the executable.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "samples", "data");

    /// <summary>
    /// The backtest of <c>macrolab backtest</c> without a config: a 20-trial grid of the ridge tilt
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
