using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Strategies;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Tests;

public sealed class HtmlReportTests
{
    [Fact]
    public void The_same_backtest_renders_the_same_bytes()
    {
        var options = new BacktestOptions { PeriodsPerYear = 12, WalkForward = new WalkForwardOptions { TrainPeriods = 60 } };
        BacktestResult result = new WalkForwardBacktest(options).Run(Synthetic.Dataset(), StrategyCatalog.BuiltIn.Create("momentum"));

        // ScottPlot numbers clip paths with a process-wide counter; rendering twice in one process must still match.
        string first = HtmlReport.Render("momentum", result), second = HtmlReport.Render("momentum", result);

        Assert.Equal(first, second);
    }
}
