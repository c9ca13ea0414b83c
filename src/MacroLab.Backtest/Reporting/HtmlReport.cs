using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Metrics;
using MacroLab.Data.Validation;

namespace MacroLab.Backtest.Reporting;

/// <summary>
/// A self-contained HTML report of a backtest: headline metrics, gate table, equity and drawdown charts (inline SVG drawn by
/// ScottPlot, so the file needs nothing else and text renders with the browser's fonts), the fold table and the grid's trials.
/// </summary>
internal static partial class HtmlReport
{
    /// <summary>The report of <paramref name="result"/>.</summary>
    /// <param name="name">The run's name, for the title.</param>
    /// <param name="result">The (selected) backtest.</param>
    /// <param name="gates">Gate verdicts, if evaluated.</param>
    /// <param name="grid">The grid, if one was run.</param>
    public static string Render(string name, BacktestResult result, GateVerdict? gates = null, GridSearchResult? grid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(result);
        PerformanceMetrics m = result.Metrics;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(name)).Append(" - MacroLab backtest</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
            .Append(".pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}small{color:#666}</style></head><body>\n");
        html.Append("<h1>").Append(Encode(name)).Append("</h1>\n<p>Strategy <b>").Append(Encode(result.Strategy)).Append("</b> ")
            .Append(Encode(string.Join(", ", result.Parameters.Select(p => $"{p.Key}={p.Value}")))).Append("<br>Out of sample ")
            .Append(Date(m.Start)).Append(" to ").Append(Date(m.End)).Append(", ").Append(m.Periods).Append(" periods, ")
            .Append(m.PeriodsPerYear).Append(" per year; assets ").Append(Encode(string.Join(", ", result.Assets))).Append(".</p>\n");

        if (gates is not null)
        {
            html.Append("<h2>Promotion gates: <span class=\"").Append(gates.Passed ? "pass\">PASS" : "fail\">FAIL").Append("</span></h2>\n")
                .Append("<table><tr><th class=\"l\">gate</th><th>value</th><th>threshold</th><th>verdict</th><th class=\"l\">reason</th></tr>\n");
            foreach (GateResult gate in gates.Gates)
            {
                html.Append("<tr><td class=\"l\">").Append(Encode(gate.Name)).Append("</td><td>").Append(Number(gate.Value)).Append("</td><td>")
                    .Append(Number(gate.Threshold)).Append("</td><td class=\"").Append(gate.Passed ? "pass\">pass" : "fail\">fail").Append("</td><td class=\"l\">")
                    .Append(Encode(gate.Reason)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Metrics (net of costs)</h2>\n<table>");
        Row(html, "annual return (geometric)", Percent(m.AnnualReturn));
        Row(html, "annual volatility", Percent(m.AnnualVolatility));
        Row(html, "Sharpe (excess of risk-free)", Number(m.Sharpe));
        Row(html, "Sortino", Number(m.Sortino));
        Row(html, "max drawdown", $"{Percent(m.MaxDrawdown.Depth)} ({Date(m.MaxDrawdown.Peak)} to {Date(m.MaxDrawdown.Trough)}, recovered {Date(m.MaxDrawdown.Recovery)})");
        Row(html, "Calmar", Number(m.Calmar));
        Row(html, "skewness / raw kurtosis", $"{Number(m.Skewness)} / {Number(m.Kurtosis)}");
        Row(html, "hit rate", Percent(m.HitRate));
        Row(html, "PSR(0)", Number(m.Psr));
        Row(html, "DSR", m.Dsr is { } dsr ? $"{Number(dsr)} over {m.Trials} trials (SR0 {Number(m.DeflatedSharpeThreshold)} per period)" : "single trial");
        Row(html, "annual one-way turnover", Number(result.Trading.AnnualTurnover));
        Row(html, "annual cost", Percent(result.Trading.AnnualCost));
        Row(html, "mean gross leverage", Number(result.Trading.MeanGrossLeverage));
        html.Append("</table>\n");

        html.Append("<h2>Equity</h2>\n").Append(EquityChart(result)).Append("\n<h2>Drawdown</h2>\n").Append(DrawdownChart(result.NetReturns)).Append('\n');

        html.Append("<h2>Folds</h2>\n<table><tr><th>fold</th><th>train from</th><th>train to</th><th>samples</th><th>test from</th><th>test to</th><th>periods</th><th>Sharpe</th><th>annual return</th><th>max drawdown</th></tr>\n");
        foreach (FoldResult fold in result.Folds)
        {
            html.Append("<tr><td>").Append(fold.Index).Append("</td><td>").Append(Date(fold.TrainStart)).Append("</td><td>").Append(Date(fold.TrainEnd))
                .Append("</td><td>").Append(fold.TrainSamples).Append("</td><td>").Append(Date(fold.TestStart)).Append("</td><td>").Append(Date(fold.TestEnd))
                .Append("</td><td>").Append(fold.TestPeriods).Append("</td><td>").Append(Number(fold.Metrics?.Sharpe)).Append("</td><td>")
                .Append(Percent(fold.Metrics?.AnnualReturn)).Append("</td><td>").Append(Percent(fold.Metrics?.MaxDrawdown.Depth)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (grid is not null)
        {
            html.Append("<h2>Grid: ").Append(grid.Trials.Count).Append(" trials</h2>\n<p>").Append(Encode(grid.Reason)).Append("</p>\n")
                .Append("<table><tr><th>trial</th><th class=\"l\">parameters</th><th>mean fold Sharpe</th><th>Sharpe</th><th>max drawdown</th><th>annual turnover</th></tr>\n");
            foreach (TrialOutcome trial in grid.Trials)
            {
                bool selected = grid.Selected?.Trial.Index == trial.Trial.Index;
                html.Append(selected ? "<tr style=\"font-weight:600\">" : "<tr>").Append("<td>").Append(trial.Trial.Index).Append("</td><td class=\"l\">")
                    .Append(Encode(string.Join(", ", trial.Trial.Parameters.Select(p => $"{p.Key}={p.Value}")))).Append("</td><td>").Append(Number(trial.MeanFoldSharpe))
                    .Append("</td><td>").Append(Number(trial.Sharpe)).Append("</td><td>").Append(Percent(trial.MaxDrawdown)).Append("</td><td>")
                    .Append(Number(trial.AnnualTurnover)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<p><small>Conventions: Sharpe = mean(x) / std(x, n-1) x sqrt(P) on returns in excess of the risk-free asset; annual return geometric; ")
            .Append("Sortino's downside deviation averages over all periods; skewness and kurtosis are population moment ratios, kurtosis raw (3 for a normal); ")
            .Append("PSR against a Sharpe of 0; DSR from the sample variance of the trials' per-period Sharpe ratios. Weights decided at t with information ")
            .Append("up to t earn returns over (t, t+1]; costs are charged on traded notional.</small></p>\n</body></html>\n");
        return html.ToString();
    }

    private static string EquityChart(BacktestResult result)
    {
        using var plot = new ScottPlot.Plot();
        double[] x = [.. result.NetReturns.Dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())];
        plot.Add.ScatterLine(x, Equity(result.GrossReturns.Values)).LegendText = "gross";
        plot.Add.ScatterLine(x, Equity(result.NetReturns.Values)).LegendText = "net of costs";
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Label.Text = "growth of 1";
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return Svg(plot, "equity");
    }

    private static string DrawdownChart(ReturnSeries returns)
    {
        using var plot = new ScottPlot.Plot();
        double[] x = [.. returns.Dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())];
        double[] equity = Equity(returns.Values);
        var drawdown = new double[equity.Length];
        double peak = 1;
        for (int t = 0; t < equity.Length; t++)
        {
            peak = Math.Max(peak, equity[t]);
            drawdown[t] = (equity[t] / peak) - 1;
        }

        plot.Add.ScatterLine(x, drawdown);
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Label.Text = "drawdown";
        return Svg(plot, "drawdown");
    }

    /// <summary>
    /// The chart as inline SVG. ScottPlot numbers clip paths with a process-wide counter (<c>cl_7</c>), which would make the
    /// same report differ from run to run; they are renumbered per chart, so equal inputs give byte-identical reports.
    /// </summary>
    private static string Svg(ScottPlot.Plot plot, string chart)
    {
        string svg = plot.GetSvgXml(900, 320);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start >= 0 ? svg[start..] : svg; // drop the XML declaration to inline it
        var renumbered = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, match =>
        {
            if (!renumbered.TryGetValue(match.Value, out string? id))
            {
                id = string.Create(CultureInfo.InvariantCulture, $"{chart}_clip{renumbered.Count}");
                renumbered[match.Value] = id;
            }

            return id;
        });
    }

    [GeneratedRegex(@"\bcl_[0-9A-Za-z]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();

    private static double[] Equity(ReadOnlySpan<double> returns)
    {
        var equity = new double[returns.Length];
        double level = 1;
        for (int t = 0; t < returns.Length; t++)
        {
            level *= 1 + returns[t];
            equity[t] = level;
        }

        return equity;
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th class=\"l\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Number(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Percent(double? value) => value?.ToString("0.00%", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
