using System.Globalization;
using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Stages;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Documents;
using Spectre.Console;
using MacroLab.Data.Validation;

namespace MacroLab.Cli;

/// <summary>The summary tables the verbs print: series, span, rows, staleness.</summary>
internal static class Summaries
{
    public static void Ingest(IAnsiConsole console, IReadOnlyList<IngestedDataset> datasets)
    {
        Table table = NewTable("Dataset", "Status", "Series", "Span", "Rows", "Vintage (released)");
        foreach (IngestedDataset d in datasets)
        {
            string vintage = d.Vintage is null ? "-" : d.VintageRelease is null ? d.Vintage : $"{d.Vintage} ({d.VintageRelease})";
            table.AddRow(Cell(d.Dataset), Cell(d.Status.ToString().ToLowerInvariant()), Cell(d.Series.Count == 0 ? "-" : Count(d.Series.Count)),
                Cell(Span(d.FirstPeriod, d.LastPeriod)), Cell(Count(d.Rows)), Cell(vintage));
        }

        console.Write(table);
    }

    public static void Features(IAnsiConsole console, FeatureStageResult result, bool verbose)
    {
        FeatureCoverage coverage = result.Coverage;
        console.MarkupLine(Markup.Escape(
            $"Gold ({result.Status.ToString().ToLowerInvariant()}): {string.Join(", ", result.Datasets)}"));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{result.Columns} features x {result.DecisionDates} decision dates ({result.FirstDate} .. {result.LastDate}); " +
            $"known {Share(coverage.KnownCells, coverage.Cells)} of cells, stale (left missing) {Count(coverage.StaleCells)}.")));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Pseudo-real-time (first-vintage backfill) share of known cells: {coverage.PseudoRealTimeShare:P1}; " +
            $"cells using estimated release dates: {coverage.EstimatedReleaseShare:P1}.")));
        if (result.Note is { } note)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }

        if (verbose)
        {
            Table each = NewTable("Series", "Source", "Span", "Rows", "Staleness (days)");
            foreach (SeriesSummary s in result.Series)
            {
                each.AddRow(Cell(s.Series), Cell(s.Source), Cell(Span(s.FirstPeriod, s.LastPeriod)), Cell(Count(s.Observations)), Cell(Days(s.StalenessDays)));
            }

            console.Write(each);
            return;
        }

        Table bySource = NewTable("Source", "Series", "Span", "Rows", "Staleness (days, median / max)");
        foreach (IGrouping<string, SeriesSummary> group in result.Series.GroupBy(s => s.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int[] staleness = [.. group.Where(s => s.StalenessDays is not null).Select(s => s.StalenessDays!.Value).Order()];
            string stale = staleness.Length == 0 ? "-" : $"{Days(staleness[staleness.Length / 2])} / {Days(staleness[^1])}";
            bySource.AddRow(Cell(group.Key), Cell(Count(group.Count())),
                Cell(Span(group.Min(s => s.FirstPeriod), group.Max(s => s.LastPeriod))), Cell(Count(group.Sum(s => s.Observations))), Cell(stale));
        }

        console.Write(bySource);
        console.MarkupLine("[grey](per series: --verbose; staleness is counted at the last decision date from the start of the latest period known then)[/]");
    }

    public static void AsOf(IAnsiConsole console, FeatureTable table, ObservationSet observations, int? maxStalenessDays, string output)
    {
        int rows = table.Values.RowCount;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {output}: {rows} decision dates x {table.Values.Columns.Count} series; max staleness: {(maxStalenessDays is { } days ? $"{days} days" : "none")}.")));
        Table summary = NewTable("Series", "Span", "Rows", "Known at", "Staleness at last date (days)");
        for (int column = 0; column < table.Values.Columns.Count; column++)
        {
            string series = table.Values.Columns[column];
            Observation[] all = [.. observations.OfSeries(series)];
            ReadOnlySpan<double> values = table.Values.Column(column);
            int known = 0;
            foreach (double value in values)
            {
                known += double.IsNaN(value) ? 0 : 1;
            }

            int? staleness = rows == 0 ? null : table.Provenance(rows - 1, column)?.StalenessDays;
            summary.AddRow(Cell(series), Cell(Span(all.Min(o => o.Period), all.Max(o => o.Period))), Cell(Count(all.Length)),
                Cell($"{known}/{rows}"), Cell(Days(staleness)));
        }

        console.Write(summary);
    }

    public static void Metrics(IAnsiConsole console, PerformanceMetrics m)
    {
        Table table = NewTable("Metric", "Value");
        table.AddRow(Cell("periods"), Cell(string.Create(CultureInfo.InvariantCulture, $"{m.Periods} ({m.Start:yyyy-MM-dd} .. {m.End:yyyy-MM-dd}), {m.PeriodsPerYear} per year")));
        table.AddRow(Cell("annual return (geometric)"), Cell(Percent(m.AnnualReturn)));
        table.AddRow(Cell("annual volatility"), Cell(Percent(m.AnnualVolatility)));
        table.AddRow(Cell("Sharpe / Sortino"), Cell($"{Number(m.Sharpe)} / {Number(m.Sortino)}"));
        table.AddRow(Cell("max drawdown"), Cell($"{Percent(m.MaxDrawdown.Depth)} (peak {Date(m.MaxDrawdown.Peak)}, trough {Date(m.MaxDrawdown.Trough)}, recovered {Date(m.MaxDrawdown.Recovery)})"));
        table.AddRow(Cell("Calmar"), Cell(Number(m.Calmar)));
        table.AddRow(Cell("skewness / raw kurtosis"), Cell($"{Number(m.Skewness)} / {Number(m.Kurtosis)}"));
        table.AddRow(Cell("hit rate"), Cell(Percent(m.HitRate)));
        table.AddRow(Cell("PSR(0)"), Cell(Number(m.Psr)));
        if (m.Dsr is not null || m.Trials is not null)
        {
            table.AddRow(Cell("DSR"), Cell($"{Number(m.Dsr)} over {m.Trials} trials"));
        }

        if (m.Benchmark is { } b)
        {
            table.AddRow(Cell("information ratio / beta"), Cell($"{Number(b.InformationRatio)} / {Number(b.Beta)}"));
        }

        console.Write(table);
    }

    public static void Backtest(IAnsiConsole console, BacktestStageResult result)
    {
        BacktestSummary s = result.Summary;
        console.MarkupLine(Markup.Escape($"Backtest ({result.Status.ToString().ToLowerInvariant()}): {string.Join(", ", result.Datasets)}"));
        Table table = NewTable("Strategy", "Parameters", "Out of sample", "Annual return", "Sharpe", "Max drawdown", "Turnover / yr", "DSR", "Trials");
        table.AddRow(Cell(s.Strategy), Cell(s.Parameters), Cell(string.Create(CultureInfo.InvariantCulture, $"{s.Start:yyyy-MM} .. {s.End:yyyy-MM} ({s.Periods})")),
            Cell(Percent(s.AnnualReturn)), Cell(Number(s.Sharpe)), Cell(Percent(s.MaxDrawdown)), Cell(Number(s.AnnualTurnover)), Cell(Number(s.DeflatedSharpe)),
            Cell(s.Trials.ToString(CultureInfo.InvariantCulture)));
        console.Write(table);
        if (result.Gates is { } gates)
        {
            Table gateTable = NewTable("Gate", "Value", "Threshold", "Verdict");
            foreach (GateResult gate in gates.Gates)
            {
                gateTable.AddRow(Cell(gate.Name), Cell(Number(gate.Value)), Cell(Number(gate.Threshold)), new Markup(gate.Passed ? "[green]pass[/]" : "[red]fail[/]"));
            }

            console.Write(gateTable);
        }

        console.MarkupLine(s.GatesPassed
            ? $"[green]Gates: {Markup.Escape(s.GateSummary)}[/]"
            : $"[yellow]Gates: {Markup.Escape(s.GateSummary)}[/]");
    }

    public static void Run(IAnsiConsole console, RunSummaryDocument s, string decisionDates)
    {
        PerformanceMetrics m = s.OutOfSample;
        console.WriteLine();
        console.MarkupLine(Markup.Escape($"Summary of {s.Pipeline}"));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Chosen model: {s.Selection.Strategy} ({string.Join(", ", s.Selection.TrialParameters.Select(p => $"{p.Key}={p.Value}"))}), {(s.Selection.Mode == MacroLab.Backtest.Grid.SelectionMode.Nested ? "chosen inside the walk-forward among" : "best with hindsight of")} {s.Selection.Trials} walk-forward trials")));
        Table table = NewTable("Strategy", "Out of sample", "Annual return", "Volatility", "Sharpe", "Max drawdown", "Turnover / yr", "DSR");
        table.AddRow(Cell($"{s.Selection.Strategy} (selected)"), Cell(string.Create(CultureInfo.InvariantCulture, $"{m.Start:yyyy-MM} .. {m.End:yyyy-MM} ({m.Periods})")),
            Cell(Percent(m.AnnualReturn)), Cell(Percent(m.AnnualVolatility)), Cell(Number(m.Sharpe)), Cell(Percent(m.MaxDrawdown.Depth)), Cell(Number(s.Trading.AnnualTurnover)),
            Cell(m.Dsr is { } dsr ? string.Create(CultureInfo.InvariantCulture, $"{dsr:0.000} ({m.Trials} trials)") : "-"));
        foreach (BenchmarkSummary b in s.Benchmarks)
        {
            table.AddRow(Cell(b.Strategy), Cell(string.Create(CultureInfo.InvariantCulture, $"{b.Metrics.Start:yyyy-MM} .. {b.Metrics.End:yyyy-MM} ({b.Metrics.Periods})")),
                Cell(Percent(b.Metrics.AnnualReturn)), Cell(Percent(b.Metrics.AnnualVolatility)), Cell(Number(b.Metrics.Sharpe)), Cell(Percent(b.Metrics.MaxDrawdown.Depth)),
                Cell(Number(b.Trading.AnnualTurnover)), Cell("-"));
        }

        console.Write(table);
        Table gates = NewTable("Gate", "Value", "Threshold", "Verdict", "Reason");
        foreach (GateResult gate in s.Gates.Verdict.Gates)
        {
            gates.AddRow(Cell(gate.Name), Cell(Number(gate.Value)), Cell(Number(gate.Threshold)), new Markup(gate.Passed ? "[green]pass[/]" : "[red]fail[/]"), Cell(gate.Reason));
        }

        console.Write(gates);
        if (s.Registry is { } r)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Registry: {r.Model}:{r.Version} in {r.Location}; {r.Alias} -> {(r.AliasVersion is { } v ? $"v{v}" : "none")}")));
        }

        if (s.RealTime is { } real)
        {
            CoverageShares together = real.Headline.FirstOrDefault(h => h.Group == "together") ?? real.ModelInputs;
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Real-time coverage {real.FromYear}-{real.ToYear}: model inputs {real.ModelInputs.RealTime:P1} real vintage, {real.ModelInputs.PseudoRealTime:P1} pseudo-real-time; " +
                $"the six headline concepts {together.RealTime:P1} real vintage; all Gold {real.AllGold.RealTime:P1}")));
        }

        if (s.Decisions is { } d)
        {
            DecisionRecord latest = d.Latest;
            string newest = latest.Tilts is null
                ? $"refused ({latest.Refusal})"
                : latest.Imputed.Count > 0 ? $"made with {latest.Imputed.Count} input(s) imputed" : "made with every input known";
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Decisions: {d.Dates} {decisionDates} {d.First:yyyy-MM} .. {d.Last:yyyy-MM}: {d.Complete} with every input known, {d.Imputed} with inputs imputed, {d.Refused} refused; newest {latest.Date:yyyy-MM-dd} {newest}")));
        }

        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Pseudo-real-time share of known feature cells: {s.PseudoRealTimeShare:P1}; code {s.GitCommit?[..Math.Min(12, s.GitCommit.Length)] ?? "unknown"}{(s.GitDirty == true ? " (dirty)" : string.Empty)}; config {s.ConfigSha256[..12]}")));
        string color = s.Decision switch { "promoted" or "already-champion" => "green", "rejected" => "red", _ => "yellow" };
        console.MarkupLine($"[{color}]Decision: {Markup.Escape(s.Decision.ToUpperInvariant())}[/] - {Markup.Escape(s.DecisionReason)}");
    }

    private static string Percent(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00%", CultureInfo.InvariantCulture) : "-";

    /// <summary>A value for a table: whole numbers (counts, periods) without decimals, tiny ones in scientific notation, else three decimals.</summary>
    private static string Number(double? value) => value is { } v && double.IsFinite(v)
        ? (v == Math.Round(v) && Math.Abs(v) < 1e15 ? v.ToString("0", CultureInfo.InvariantCulture)
            : v != 0 && Math.Abs(v) < 0.001 ? v.ToString("0.###e+0", CultureInfo.InvariantCulture)
            : v.ToString("0.000", CultureInfo.InvariantCulture))
        : "-";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        return table;
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));

    private static string Span(ReferencePeriod? first, ReferencePeriod? last) =>
        first is { } f && last is { } l ? $"{f.Start:yyyy-MM-dd} .. {l.Start:yyyy-MM-dd}" : "-";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Days(int? days) => days?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Share(long part, long whole) =>
        (whole == 0 ? 0 : (double)part / whole).ToString("P1", CultureInfo.InvariantCulture);
}
