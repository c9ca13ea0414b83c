using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Reporting;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Documents;
using MacroLab.Registry;
using MacroLab.Data.Validation;

namespace MacroLab.Hosting.Reporting;

/// <summary>
/// The run report: one self-contained HTML file (charts embedded as PNG, no scripts, nothing fetched) that a research lead
/// can hand to a risk committee: the decision and why, out-of-sample results against the benchmarks, every gate with its
/// reason, the folds and the trials, the causal signals by regime, what drives the model, and the lineage down to the raw
/// data vintages, the code commit and the configuration. Equal inputs give byte-identical files (no clocks, no random ids).
/// </summary>
internal static class RunReport
{
    public static string Render(RunFacts facts, RunSummaryDocument summary, IReadOnlyList<DecisionRecord> decisions)
    {
        var html = new StringBuilder();
        (string One, string Many) words = PipelineOptions.DecisionDateWords(facts.Config);
        string title = $"{facts.Config.Name}: MacroLab run report";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}")
            .Append("table{border-collapse:collapse;margin:.8em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right;vertical-align:top}")
            .Append("th{background:#f3f3f3}td{white-space:nowrap}td.l,th.l{text-align:left}td.l{white-space:normal}.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}")
            .Append(".banner{padding:.8em 1em;border-radius:6px;margin:1em 0;font-size:1.1em}.ok{background:#dafbe1}.no{background:#ffebe9}.neutral{background:#fff8c5}")
            .Append("img{max-width:100%;height:auto;display:block;margin:.5em 0}pre{background:#f6f8fa;padding:1em;overflow-x:auto;font-size:.85em}")
            .Append("small,.muted{color:#666}code{font-size:.9em}details{margin:.8em 0}summary{cursor:pointer;font-weight:600}</style></head><body>\n");

        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        string bannerClass = summary.Decision switch { "promoted" => "ok", "rejected" => "no", _ => "neutral" };
        html.Append("<div class=\"banner ").Append(bannerClass).Append("\"><b>").Append(Encode(summary.Decision.ToUpperInvariant())).Append("</b>: ")
            .Append(Encode(summary.DecisionReason));
        foreach (string line in Verdict(summary.Gates, facts.Results.Selection))
        {
            html.Append("<br>").Append(Encode(line));
        }

        html.Append("</div>\n");

        Selection(html, summary);
        Results(html, summary);
        Gates(html, summary.Gates);
        Comparisons(html, summary.Gates);
        NestedSteps(html, facts.Results.Selection);
        Revisions(html, summary);
        Charts(html, facts);
        Folds(html, summary, facts);
        Trials(html, summary);
        Signals(html, summary);
        Model(html, summary);
        Decisions(html, summary, decisions, words);
        Live(html, facts, words.One);
        RealTime(html, summary);
        Lineage(html, summary, facts);
        html.Append("<h2>Configuration</h2>\n<details><summary>The run's configuration with every default filled in (SHA-256 <code>")
            .Append(summary.ConfigSha256).Append("</code>)</summary>\n<pre>").Append(Encode(PipelineConfigReader.Indented(facts.Config))).Append("</pre></details>\n");
        html.Append("<p><small>Conventions: weights decided at ").Append(words.One).Append(" t use only data published by t and earn the returns over (t, t+1]; ")
            .Append("Sharpe = mean(x) / std(x, n-1) x sqrt(").Append(facts.Config.PeriodsPerYear.ToString(CultureInfo.InvariantCulture)).Append(") on returns in excess of cash, net of costs; annual return geometric; DSR deflates the ")
            .Append("selected trial's Sharpe ratio for the number of trials and the variance of their Sharpe ratios (Bailey and L&oacute;pez de Prado).</small></p>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Selection(StringBuilder html, RunSummaryDocument s)
    {
        html.Append("<h2>Selected model</h2>\n<p><b>").Append(Encode(s.Selection.Strategy)).Append("</b> ")
            .Append(Encode(string.Join(", ", s.Selection.TrialParameters.Select(p => $"{p.Key}={p.Value}")))).Append(" <span class=\"muted\">(every parameter, defaults included: ")
            .Append(Encode(string.Join(", ", s.Selection.Parameters.Select(p => $"{p.Key}={p.Value}")))).Append(")</span><br>")
            .Append(Encode(s.Selection.Reason)).Append(".</p>\n");
        if (s.Registry is { } r)
        {
            html.Append("<p>Registered as <b>").Append(Encode(string.Create(CultureInfo.InvariantCulture, $"{r.Model}:{r.Version}"))).Append("</b> in <code>")
                .Append(Encode(r.Location)).Append("</code>; <b>").Append(Encode(r.Alias)).Append("</b> points to ")
                .Append(r.AliasVersion is { } v ? Encode(string.Create(CultureInfo.InvariantCulture, $"version {v}")) : "no version").Append(".</p>\n");
        }
    }

    private static void Results(StringBuilder html, RunSummaryDocument s)
    {
        html.Append("<h2>Out of sample, net of costs</h2>\n<p class=\"muted\">")
            .Append(Date(s.OutOfSample.Start)).Append(" to ").Append(Date(s.OutOfSample.End)).Append(", ").Append(s.OutOfSample.Periods)
            .Append(" months; every model refitted each fold on data known before it (purged walk-forward).</p>\n")
            .Append("<table><tr><th class=\"l\">strategy</th><th>annual return</th><th>volatility</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th><th>Calmar</th><th>annual turnover</th><th>PSR</th><th>DSR</th></tr>\n");
        void Row(string name, PerformanceMetrics m, double turnover, bool bold)
        {
            html.Append(bold ? "<tr style=\"font-weight:600\">" : "<tr>").Append("<td class=\"l\">").Append(Encode(name)).Append("</td><td>")
                .Append(Percent(m.AnnualReturn)).Append("</td><td>").Append(Percent(m.AnnualVolatility)).Append("</td><td>").Append(Number(m.Sharpe))
                .Append("</td><td>").Append(Number(m.Sortino)).Append("</td><td>").Append(Percent(m.MaxDrawdown.Depth)).Append("</td><td>").Append(Number(m.Calmar))
                .Append("</td><td>").Append(Number(turnover)).Append("</td><td>").Append(Number(m.Psr)).Append("</td><td>")
                .Append(m.Dsr is { } dsr ? Number(dsr) + string.Create(CultureInfo.InvariantCulture, $" ({m.Trials} trials)") : "-").Append("</td></tr>\n");
        }

        Row($"{s.Selection.Strategy} ({(s.Selection.Mode == SelectionMode.Nested ? "nested selection" : "selected")})", s.OutOfSample, s.Trading.AnnualTurnover, true);
        foreach (BenchmarkSummary b in s.Benchmarks)
        {
            Row(b.Parameters.Count == 0 ? b.Strategy : $"{b.Strategy} ({string.Join(", ", b.Parameters.Select(p => $"{p.Key}={p.Value}"))})", b.Metrics, b.Trading.AnnualTurnover, false);
        }

        html.Append("</table>\n");
        if (s.RealTime is { } real)
        {
            html.Append("<p class=\"muted\">").Append(Percent(real.ModelInputs.RealTime)).Append(" of the model's known input cells in ")
                .Append(real.FromYear).Append('-').Append(real.ToYear).Append(" come from real-time vintages (the data as published at each decision), ")
                .Append(Percent(real.ModelInputs.PseudoRealTime)).Append(" from pseudo-real-time backfill (a series' first vintage moved back to its publication lag, revisions included) and ")
                .Append(Percent(real.ModelInputs.EstimatedRelease)).Append(" from release dates estimated by a lag rule; see <i>Real-time coverage</i> below.</p>\n");
        }
    }

    private static void Revisions(StringBuilder html, RunSummaryDocument s)
    {
        if (s.Revisions is not { } r)
        {
            return;
        }

        html.Append("<h2>What revisions cost</h2>\n<p>The selected trial (the choice at the end of the data), with its own walk-forward and inputs, on <b>revised data</b> (every value at its latest vintage, ")
            .Append("as a backtest run on today's data would use it) instead of the data as they were known at each decision:</p>\n")
            .Append("<table><tr><th class=\"l\">data</th><th>Sharpe</th><th>annual return</th></tr>\n")
            .Append("<tr><td class=\"l\">real-time (this run)</td><td>").Append(Number(r.RealTimeSharpe)).Append("</td><td>").Append(Percent(r.RealTimeAnnualReturn)).Append("</td></tr>\n")
            .Append("<tr><td class=\"l\">revised (latest vintage)</td><td>").Append(Number(r.RevisedSharpe)).Append("</td><td>").Append(Percent(r.RevisedAnnualReturn)).Append("</td></tr>\n")
            .Append("<tr><td class=\"l\">revised minus real-time</td><td>").Append(r.Difference is { } d ? d.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-")
            .Append("</td><td>").Append(Percent(r.RevisedAnnualReturn - r.RealTimeAnnualReturn)).Append("</td></tr>\n</table>\n")
            .Append("<p class=\"muted\">A positive difference is look-ahead a backtest on revised data would have claimed; a negative one, that revisions happened to hide information the first prints carried.</p>\n");
    }

    private static void Decisions(StringBuilder html, RunSummaryDocument s, IReadOnlyList<DecisionRecord> decisions, (string One, string Many) words)
    {
        if (s.Decisions is not { } d)
        {
            return;
        }

        html.Append("<h2>Decisions, every ").Append(words.One == "month end" ? "month" : words.One).Append("</h2>\n<p>The model that would be served (its ONNX export), asked for tilts at every ")
            .Append(words.One).Append(" from ").Append(Date(d.First)).Append(" to ").Append(Date(d.Last)).Append(" (").Append(d.Dates).Append(' ').Append(words.Many).Append("): ")
            .Append(d.Complete).Append(" with every input known, ").Append(d.Imputed).Append(" with inputs imputed at their training mean by the model's missing-input policy, ")
            .Append(d.Refused).Append(" refused (too many inputs unknown). The same policy and code serve the backtest, <code>macrolab predict</code> and the API.</p>\n");
        DecisionRecord latest = d.Latest;
        html.Append("<table><tr><th class=\"l\">newest decision</th>");
        foreach (string asset in d.Assets)
        {
            html.Append("<th>").Append(Encode(asset)).Append("</th>");
        }

        html.Append("<th class=\"l\">imputed inputs</th></tr>\n<tr><td class=\"l\">").Append(Date(latest.Date)).Append("</td>");
        for (int a = 0; a < d.Assets.Count; a++)
        {
            html.Append("<td>").Append(latest.Tilts is { } t ? t[a].ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-").Append("</td>");
        }

        html.Append("<td class=\"l\">").Append(Encode(latest.Refusal ?? (latest.Imputed.Count == 0 ? "none" : string.Join(", ", latest.Imputed)))).Append("</td></tr>\n</table>\n");
        Image(html, RunCharts.Tilts([.. decisions.Select(r => r.Date)], d.Assets, (t, a) => decisions[t].Tilts is { } tilts ? tilts[a] : double.NaN, words.One), $"the model's tilts at every {words.One}");
    }

    private static void Live(StringBuilder html, RunFacts facts, string decisionDate)
    {
        string book = Encode($"gold/decisions/{facts.Card.Name}/{facts.Config.Registry.Alias}");
        html.Append("<h2>Live against the backtest</h2>\n");
        if (facts.Track is not { } t)
        {
            html.Append("<p class=\"muted\">No live record: ").Append(book).Append(" holds no decision yet. <code>macrolab decide</code> appends the ")
                .Append(Encode(facts.Config.Registry.Alias)).Append("'s decision at every new ").Append(decisionDate).Append(", and <code>macrolab track</code> follows what they realise.</p>\n");
            return;
        }

        html.Append("<p><b class=\"").Append(t.Verdict == Steps.TrackStep.Underperforming ? "fail" : "pass").Append("\">").Append(Encode(t.Verdict)).Append("</b>: ")
            .Append(Encode(t.Reason)).Append(".</p>\n<p class=\"muted\">The book's decisions traded through the backtest's simulator against Gold's realised returns (")
            .Append(t.IncludesReplayed ? "replayed decisions counted: they are in-sample for a model trained on their dates" : "only periods after live decisions count")
            .Append("), compared with ").Append(Encode(t.Model)).Append(':').Append(t.ComparedVersion).Append("'s out-of-sample record by a block bootstrap at the same length ")
            .Append("and a one-sided CUSUM of shortfalls (k = ").Append(Number(t.Cusum.Allowance)).Append(", h = ").Append(Number(t.Cusum.Threshold)).Append(").</p>\n");
        html.Append("<table><tr><th class=\"l\">months</th><th>total return</th><th>Sharpe</th><th>band 5 %</th><th>band 95 %</th><th>percentile</th><th>max drawdown</th><th>band 95 %</th><th>CUSUM</th></tr>\n<tr><td class=\"l\">")
            .Append(t.Periods).Append("</td><td>").Append(t.LiveTotalReturn.ToString("P2", CultureInfo.InvariantCulture)).Append("</td><td>").Append(Number(t.LiveSharpe))
            .Append("</td><td>").Append(Number(t.Bands?.SharpeLow)).Append("</td><td>").Append(Number(t.Bands?.SharpeHigh))
            .Append("</td><td>").Append(t.Bands?.SharpePercentile?.ToString("P0", CultureInfo.InvariantCulture) ?? "-")
            .Append("</td><td>").Append(t.LiveMaxDrawdown.ToString("P1", CultureInfo.InvariantCulture)).Append("</td><td>").Append(t.Bands?.DrawdownHigh.ToString("P1", CultureInfo.InvariantCulture) ?? "-")
            .Append("</td><td>").Append(Number(t.Cusum.Latest)).Append("</td></tr>\n</table>\n");
        if (t.Bands is not null && t.Periods > 0)
        {
            Image(html, RunCharts.LiveRecord(t), "the live record's growth over the backtest's bootstrap band");
        }
    }

    private static void RealTime(StringBuilder html, RunSummaryDocument s)
    {
        if (s.RealTime is not { } r)
        {
            return;
        }

        html.Append("<h2>Real-time coverage</h2>\n<p>Where each known input cell of ").Append(r.FromYear).Append('-').Append(r.ToYear)
            .Append(" comes from: a <b>real-time</b> vintage (the value as published by the decision date: the Philadelphia Fed's real-time data set, FRED-MD's monthly vintages), ")
            .Append("<b>pseudo-real-time</b> backfill (before a series' first vintage, that vintage's values dated by a conservative publication lag), or an <b>estimated</b> release date (a source without vintages).</p>\n")
            .Append("<table><tr><th class=\"l\">inputs</th><th>known cells</th><th>real-time</th><th>pseudo-real-time</th><th>estimated</th></tr>\n");
        void Row(CoverageShares c, bool bold = false) =>
            html.Append(bold ? "<tr style=\"font-weight:600\">" : "<tr>").Append("<td class=\"l\">").Append(Encode(c.Group)).Append("</td><td>").Append(c.Known).Append("</td><td>")
                .Append(Percent(c.RealTime)).Append("</td><td>").Append(Percent(c.PseudoRealTime)).Append("</td><td>").Append(Percent(c.EstimatedRelease)).Append("</td></tr>\n");
        Row(r.ModelInputs with { Group = "the model's inputs" }, bold: true);
        foreach (CoverageShares headline in r.Headline)
        {
            Row(headline with { Group = headline.Group == "together" ? "the six headline concepts, together" : headline.Group });
        }

        Row(r.AllGold);
        html.Append("</table>\n");
        string[] decades = [.. r.ByFamilyAndDecade.Select(c => c.Group[^5..]).Distinct().Order(StringComparer.Ordinal)];
        CoverageShares[] byDecade = [.. decades.Select(decade =>
        {
            CoverageShares[] rows = [.. r.ByFamilyAndDecade.Where(c => c.Group.EndsWith(decade, StringComparison.Ordinal))];
            long known = rows.Sum(c => c.Known);
            double Weighted(Func<CoverageShares, double> share) => known == 0 ? 0 : rows.Sum(c => share(c) * c.Known) / known;
            return new CoverageShares(decade, known, Weighted(c => c.RealTime), Weighted(c => c.PseudoRealTime), Weighted(c => c.EstimatedRelease));
        })];
        Image(html, RunCharts.StackedShares("The model's input cells by decade: where they come from", decades,
            [("real-time vintage", ScottPlot.Colors.SeaGreen), ("pseudo-real-time", ScottPlot.Colors.IndianRed), ("estimated release", ScottPlot.Colors.Orange)],
            (c, k) => k switch { 0 => byDecade[c].RealTime, 1 => byDecade[c].PseudoRealTime, _ => byDecade[c].EstimatedRelease }), "the model's input cells by decade and origin");
        html.Append("<details><summary>By family and decade</summary>\n<table><tr><th class=\"l\">family, decade</th><th>known cells</th><th>real-time</th><th>pseudo-real-time</th><th>estimated</th></tr>\n");
        foreach (CoverageShares row in r.ByFamilyAndDecade)
        {
            Row(row);
        }

        html.Append("</table></details>\n");
    }

    /// <summary>The honest verdict in plain sentences: against the best benchmark, the champion, and what each ablation's inputs add.</summary>
    internal static IEnumerable<string> Verdict(GatesDocument gates, GridSelection? selection)
    {
        if (selection is { Mode: SelectionMode.Global })
        {
            yield return "The record below comes from GLOBAL selection: the trial was chosen with hindsight over the whole record, so its Sharpe ratio is biased upward.";
        }

        RecordComparison? best = gates.Comparisons.Where(c => c.Kind == RecordComparison.Benchmark).MaxBy(c => c.Test.OtherSharpe);
        if (best is not null)
        {
            bool better = gates.Verdict.Gates.FirstOrDefault(g => g.Name == ComparisonGates.BeatsBenchmark)?.Passed ?? best.Test.PValueGreater < 0.05;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Against the best benchmark, {best.Name}, over the same {best.Test.Periods} months ({best.First:yyyy-MM} .. {best.Last:yyyy-MM}): Sharpe {best.Test.Sharpe:0.000} vs {best.Test.OtherSharpe:0.000}, difference {best.Test.Difference:+0.000;-0.000} (95 % CI {best.Test.Lower:+0.000;-0.000} .. {best.Test.Upper:+0.000;-0.000}, one-sided p = {best.Test.PValueGreater:0.###}): {(better ? "significantly better" : "not significantly better")}.");
        }

        foreach (RecordComparison c in gates.Comparisons.Where(c => c.Kind == RecordComparison.Champion))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Against the champion {c.Name} over the same {c.Test.Periods} months: Sharpe {c.Test.Sharpe:0.000} vs {c.Test.OtherSharpe:0.000} (p of worse = {c.Test.PValueLess:0.###}).");
        }

        if (gates.Lockbox is { } lockbox)
        {
            yield return lockbox.Opened
                ? string.Create(CultureInfo.InvariantCulture,
                    $"Lockbox, {lockbox.Periods} months {lockbox.FirstDecision:yyyy-MM} .. {lockbox.LastDecision:yyyy-MM} that no selection or gate saw: Sharpe {lockbox.Sharpe:0.000} ({string.Join(", ", lockbox.Benchmarks.Select(b => $"{b.Key} {b.Value:0.000}"))}); candidates that have opened it on this data: {lockbox.Openings}.")
                : $"Lockbox: {lockbox.Reason}.";
        }

        foreach (RecordComparison c in gates.Comparisons.Where(c => c.Kind == RecordComparison.Ablation))
        {
            bool helps = c.Test.Lower > 0, hurts = c.Test.Upper < 0;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Ablation {c.Name}: the full model's Sharpe minus the ablation's is {c.Test.Difference:+0.000;-0.000} (95 % CI {c.Test.Lower:+0.000;-0.000} .. {c.Test.Upper:+0.000;-0.000}): the removed inputs {(helps ? "help significantly" : hurts ? "hurt significantly" : "make no significant difference")}.");
        }
    }

    private static void Comparisons(StringBuilder html, GatesDocument gates)
    {
        if (gates.Comparisons.Count == 0)
        {
            return;
        }

        html.Append("<h2>Against the benchmarks, the champion and the ablations</h2>\n<p class=\"muted\">The selected record minus each other record over the months both cover, ")
            .Append("by the Ledoit&ndash;Wolf (2008) test of the Sharpe difference: HAC standard error, studentized circular block bootstrap (")
            .Append(gates.Comparisons[0].Test.Resamples).Append(" resamples, blocks of ").Append(gates.Comparisons[0].Test.BlockLength).Append(" months). ")
            .Append("p(better) tests H1: the selected record's Sharpe ratio is higher; p(worse), that it is lower.</p>\n")
            .Append("<table><tr><th class=\"l\">against</th><th class=\"l\">name</th><th>months</th><th>Sharpe</th><th>other</th><th>difference</th><th>95 % CI</th><th>p(better)</th><th>p(worse)</th></tr>\n");
        foreach (RecordComparison c in gates.Comparisons)
        {
            SharpeDifference t = c.Test;
            html.Append("<tr><td class=\"l\">").Append(Encode(c.Kind)).Append("</td><td class=\"l\">").Append(Encode(c.Name)).Append("</td><td>")
                .Append(Encode(string.Create(CultureInfo.InvariantCulture, $"{c.First:yyyy-MM} .. {c.Last:yyyy-MM} ({t.Periods})"))).Append("</td><td>")
                .Append(Number(t.Sharpe)).Append("</td><td>").Append(Number(t.OtherSharpe)).Append("</td><td>")
                .Append(t.Difference.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(Encode(string.Create(CultureInfo.InvariantCulture, $"{t.Lower:+0.000;-0.000} .. {t.Upper:+0.000;-0.000}"))).Append("</td><td>")
                .Append(Number(t.PValueGreater)).Append("</td><td>").Append(Number(t.PValueLess)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void NestedSteps(StringBuilder html, GridSelection? selection)
    {
        if (selection is not { Mode: SelectionMode.Nested, Steps.Count: > 0 })
        {
            return;
        }

        html.Append("<h2>Selection inside the walk-forward</h2>\n<p class=\"muted\">At each refit every trial is scored on its out-of-sample months realised by then; ")
            .Append("the best (within the selection constraints) trades the next window. The reported record is these choices stitched together, costs of switching included.</p>\n")
            .Append("<details><summary>").Append(selection.Steps.Count).Append(" choices</summary><table><tr><th>refit</th><th>evidence</th><th>months</th><th>trial</th><th>Sharpe on the evidence</th><th>eligible</th></tr>\n");
        foreach (SelectionStep step in selection.Steps)
        {
            html.Append("<tr><td>").Append(Date(step.Refit)).Append("</td><td>").Append(Encode(string.Create(CultureInfo.InvariantCulture, $"{step.EvidenceStart:yyyy-MM} .. {step.EvidenceEnd:yyyy-MM}")))
                .Append("</td><td>").Append(step.EvidencePeriods).Append("</td><td>").Append(step.Trial).Append("</td><td>").Append(Number(step.Sharpe))
                .Append("</td><td>").Append(step.Eligible).Append("</td></tr>\n");
        }

        html.Append("</table></details>\n");
    }

    private static void Gates(StringBuilder html, GatesDocument gates)
    {
        html.Append("<h2>Gates: <span class=\"").Append(gates.Verdict.Passed ? "pass\">PASS" : "fail\">FAIL").Append("</span></h2>\n<p>")
            .Append(Encode(gates.Verdict.Summary)).Append("</p>\n<table><tr><th class=\"l\">gate</th><th>value</th><th>threshold</th><th>verdict</th><th class=\"l\">reason</th></tr>\n");
        foreach (GateResult gate in gates.Verdict.Gates)
        {
            html.Append("<tr><td class=\"l\">").Append(Encode(gate.Name)).Append("</td><td>").Append(Number(gate.Value)).Append("</td><td>").Append(Number(gate.Threshold))
                .Append("</td><td class=\"").Append(gate.Passed ? "pass\">pass" : "fail\">fail").Append("</td><td class=\"l\">").Append(Encode(gate.Reason)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Charts(StringBuilder html, RunFacts facts)
    {
        var series = new List<(string, IReadOnlyList<DateOnly>, IReadOnlyList<double>)>
        {
            ($"{facts.Results.Strategy} (selected)", [.. facts.Results.Returns.Select(r => r.Date)], [.. facts.Results.Returns.Select(r => r.Net)]),
        };
        series.AddRange(facts.Benchmarks.Select(b => ((string, IReadOnlyList<DateOnly>, IReadOnlyList<double>))(b.Results.Strategy, [.. b.Results.Returns.Select(r => r.Date)], [.. b.Results.Returns.Select(r => r.Net)])));
        html.Append("<h2>Equity and drawdown</h2>\n");
        Image(html, RunCharts.Equity(series), "growth of 1 of the selected model and the benchmarks");
        Image(html, RunCharts.Drawdown(series), "drawdowns of the selected model and the benchmarks");
    }

    private static void Folds(StringBuilder html, RunSummaryDocument s, RunFacts facts)
    {
        html.Append("<h2>Folds</h2>\n<table><tr><th>fold</th><th>train from</th><th>train to</th><th>samples</th><th>test from</th><th>test to</th><th>months</th><th>Sharpe</th><th>return</th><th>max drawdown</th></tr>\n");
        bool partial = false;
        foreach (FoldSummary f in s.Folds)
        {
            // A fold shorter than a year (the last one, when the data end early in a refit cycle) shows its return over its
            // months, not annualised, and no Sharpe ratio, which one or two months cannot estimate.
            double[] returns = [.. facts.Results.Returns.Where(r => r.Date > f.TestStart).Take(f.TestPeriods).Select(r => r.Net)];
            bool full = f.TestPeriods >= 12;
            partial |= !full;
            double total = returns.Aggregate(1.0, (level, r) => level * (1 + r)) - 1;
            html.Append("<tr><td>").Append(f.Index).Append("</td><td>").Append(Date(f.TrainStart)).Append("</td><td>").Append(Date(f.TrainEnd)).Append("</td><td>")
                .Append(f.TrainSamples).Append("</td><td>").Append(Date(f.TestStart)).Append("</td><td>").Append(Date(f.TestEnd)).Append("</td><td>").Append(f.TestPeriods)
                .Append("</td><td>").Append(full ? Number(f.Sharpe) : "-").Append("</td><td>").Append(full ? Percent(f.AnnualReturn) + " a year" : Percent(total) + " *")
                .Append("</td><td>").Append(Percent(f.MaxDrawdown ?? 0)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (partial)
        {
            html.Append("<p class=\"muted\">* A fold shorter than a year (the data end before its refit cycle does): its return over its months, not annualised; a Sharpe ratio of so few months would mean nothing.</p>\n");
        }
    }

    private static void Trials(StringBuilder html, RunSummaryDocument s)
    {
        if (s.Selection.TrialOutcomes.Count == 0)
        {
            return;
        }

        html.Append("<h2>Trials</h2>\n<p class=\"muted\">Every trial is a full walk-forward backtest. Bold: the trial that trades from the end of the data (under nested selection, the best on every realised month; under global selection, the highest mean fold Sharpe within the constraints).</p>\n")
            .Append("<table><tr><th>trial</th><th class=\"l\">strategy</th><th class=\"l\">parameters</th><th>mean fold Sharpe</th><th>Sharpe</th><th>max drawdown</th><th>annual turnover</th></tr>\n");
        foreach (TrialOutcome trial in s.Selection.TrialOutcomes)
        {
            bool selected = trial.Trial.Id == s.Selection.SelectedTrial;
            html.Append(selected ? "<tr style=\"font-weight:600\">" : "<tr>").Append("<td>").Append(trial.Trial.Index).Append("</td><td class=\"l\">").Append(Encode(trial.Trial.Strategy))
                .Append("</td><td class=\"l\">").Append(Encode(string.Join(", ", trial.Trial.Parameters.Where(p => p.Key != "seed").Select(p => $"{p.Key}={p.Value}"))))
                .Append("</td><td>").Append(Number(trial.MeanFoldSharpe)).Append("</td><td>").Append(Number(trial.Sharpe)).Append("</td><td>").Append(Percent(trial.MaxDrawdown))
                .Append("</td><td>").Append(Number(trial.AnnualTurnover)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Signals(StringBuilder html, RunSummaryDocument s)
    {
        html.Append("<h2>Causal signals by regime</h2>\n<p class=\"muted\">Mean walk-forward CATE (X-Learner) of each treatment on each asset's next-month return, ")
            .Append("by growth/inflation regime at the decision (point-in-time regimes; each signal from learners fitted on outcomes known before it).</p>\n");
        foreach (IGrouping<string, RegimeEffect> treatment in s.CateByRegime.GroupBy(e => e.Treatment))
        {
            string[] assets = [.. treatment.Select(e => e.Asset).Distinct()];
            RegimeEffect? Of(int c, int a) => treatment.FirstOrDefault(e => e.Regime == RunSummaryBuilder.Regimes[c] && e.Asset == assets[a]);
            bool bounded = treatment.Any(e => e.MeanLower is not null);
            Image(html, RunCharts.GroupedBars(
                bounded ? $"CATE of {treatment.Key} by regime, with mean 90 % intervals" : $"CATE of {treatment.Key} by regime", RunSummaryBuilder.Regimes, assets,
                (c, a) => Of(c, a)?.MeanCate ?? 0, "0.0%",
                bounded ? (c, a) => Of(c, a) is { MeanLower: { } l, MeanUpper: { } u } ? (l, u) : null : null), $"CATE of {treatment.Key} by regime");
            html.Append("<table><tr><th class=\"l\">asset</th>");
            foreach (string regime in RunSummaryBuilder.Regimes)
            {
                html.Append("<th>").Append(regime).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (string asset in assets)
            {
                html.Append("<tr><td class=\"l\">").Append(Encode(asset)).Append("</td>");
                foreach (string regime in RunSummaryBuilder.Regimes)
                {
                    RegimeEffect? e = treatment.FirstOrDefault(x => x.Asset == asset && x.Regime == regime);
                    html.Append("<td>").Append(e is null ? "-" : e.MeanLower is { } lower && e.MeanUpper is { } upper
                        ? string.Create(CultureInfo.InvariantCulture, $"{e.MeanCate:0.00%} [{lower:0.00%}, {upper:0.00%}] ({e.Months} m, {e.SignificantShare:0%} with an interval excluding 0)")
                        : string.Create(CultureInfo.InvariantCulture, $"{e.MeanCate:0.00%} ({e.Months} m)")).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
        }
    }

    private static void Model(StringBuilder html, RunSummaryDocument s)
    {
        ModelSummary m = s.Model;
        html.Append("<h2>The model that would be served</h2>\n<p>").Append(Encode(m.Architecture)).Append(" on ").Append(m.Features.Count).Append(" point-in-time inputs")
            .Append(m.Lookback > 1 ? string.Create(CultureInfo.InvariantCulture, $" (windows of {m.Lookback} months)") : string.Empty)
            .Append(" to tilts of ").Append(Encode(string.Join(", ", m.Assets))).Append(" (weights = 1/N + tilt, funded from cash), trained on ")
            .Append(Date(m.TrainingWindow.First)).Append(" to ").Append(Date(m.TrainingWindow.Last)).Append(" (").Append(m.TrainingWindow.Samples).Append(" samples)");
        if (m.ValidationWindow is { } v)
        {
            html.Append(", validated on ").Append(Date(v.First)).Append(" to ").Append(Date(v.Last)).Append(": loss ").Append(Number(m.Metrics.ValidationLoss))
                .Append(" against ").Append(Number(m.Metrics.TrivialValidationLoss)).Append(" for zero tilts");
        }

        html.Append(". ONNX file SHA-256 <code>").Append(m.OnnxSha256).Append("</code>; ONNX Runtime matches TorchSharp to ")
            .Append(s.Gates.OnnxMaxDifference.ToString("0.###e+0", CultureInfo.InvariantCulture)).Append(".</p>\n");
        if (s.Importance.Count > 0)
        {
            FeatureImportance[] top = [.. s.Importance.Take(15)];
            Image(html, RunCharts.Bars("What moves the tilts: mean |change| when an input is set to its mean", [.. top.Select(i => i.Feature)], [.. top.Select(i => i.Score)], "0.000"),
                "occlusion importance of the inputs");
        }

        if (s.Attribution.Count > 0)
        {
            html.Append("<h3>Tilt attribution</h3>\n<p class=\"muted\">Held weight minus the equal-weight benchmark's, and that active weight times the asset's return, annualised (arithmetic).</p>\n")
                .Append("<table><tr><th class=\"l\">asset</th><th>mean active weight</th><th>annual contribution</th></tr>\n");
            foreach (TiltAttribution a in s.Attribution)
            {
                html.Append("<tr><td class=\"l\">").Append(Encode(a.Asset)).Append("</td><td>").Append(Percent(a.MeanActiveWeight)).Append("</td><td>").Append(Percent(a.AnnualContribution)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }
    }

    private static void Lineage(StringBuilder html, RunSummaryDocument s, RunFacts facts)
    {
        html.Append("<h2>Lineage</h2>\n<p>Code: commit <code>").Append(Encode(s.GitCommit ?? "unknown")).Append("</code>")
            .Append(s.GitDirty switch { true => " <b>with uncommitted changes</b> (the commit alone does not reproduce this run)", false => " (clean)", _ => string.Empty })
            .Append("; configuration SHA-256 <code>").Append(s.ConfigSha256).Append("</code>; seed ").Append(facts.Config.Seed).Append(".<br>Packages: ")
            .Append(Encode(string.Join(", ", s.Packages.Select(p => $"{p.Key} {p.Value}")))).Append(".</p>\n");
        html.Append("<h3>Data vintages</h3>\n");
        Digests(html, "raw file (Bronze)", s.DataVintages);
        html.Append("<details><summary>Every dataset the model rests on (").Append(s.Lineage.Count).Append(")</summary>\n");
        Digests(html, "dataset", s.Lineage);
        html.Append("</details>\n");
    }

    private static void Digests(StringBuilder html, string heading, IEnumerable<LineageDataset> datasets)
    {
        html.Append("<table><tr><th class=\"l\">").Append(heading).Append("</th><th class=\"l\">SHA-256</th></tr>\n");
        foreach (LineageDataset d in datasets)
        {
            html.Append("<tr><td class=\"l\">").Append(Encode(d.Dataset)).Append("</td><td class=\"l\"><code>").Append(d.ContentSha256).Append("</code></td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Image(StringBuilder html, byte[] png, string alt) =>
        html.Append("<img alt=\"").Append(Encode(alt)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A number for a table: whole numbers (counts, periods) without decimals, tiny ones in exponent form, others to 3 decimals.</summary>
    private static string Number(double? value) => value is { } v && double.IsFinite(v)
        ? v == Math.Round(v) && Math.Abs(v) < 1e9 ? v.ToString("0", CultureInfo.InvariantCulture)
        : v != 0 && Math.Abs(v) < 0.001 ? v.ToString("0.###e+0", CultureInfo.InvariantCulture)
        : v.ToString("0.000", CultureInfo.InvariantCulture)
        : "-";

    private static string Percent(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00%", CultureInfo.InvariantCulture) : "-";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
