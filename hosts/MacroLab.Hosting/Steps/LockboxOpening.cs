using System.Globalization;
using MacroLab.Backtest;
using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Reporting;
using MacroLab.Data;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Registry;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// Opens the lockbox for a candidate: the candidate (the final choice, with its walk-forward) runs on the whole data,
/// and only its decisions in the held-out span are measured, beside the benchmarks on the same months. The opening is
/// recorded in the trial ledger under the data lineage, so every candidate that looked is counted.
/// </summary>
internal static class LockboxOpening
{
    /// <summary>The result of a lockbox left sealed.</summary>
    public static LockboxResult Sealed(HeldOutSpan? span, string reason, IReadOnlyList<LedgerEntry> ledger) => new(
        false, reason, span?.FirstDecision, span?.LastDecision, span?.Periods ?? 0, null, null, new Dictionary<string, double?>(),
        ledger.Count(e => e.Kind == LedgerEntryKind.LockboxOpening));

    public static async Task<LockboxResult> OpenAsync(
        PipelineContext context, BacktestRecord candidate, HeldOutSpan span, string lineage, CancellationToken cancellationToken)
    {
        BacktestDataset data = BacktestDataset.FromGold(await GoldDataset.LoadAsync(context.Lake, PipelineOptions.Gold(context.Config), cancellationToken).ConfigureAwait(false));
        BacktestOptions options = PipelineOptions.Backtest(context.Config);
        PerformanceMetrics? held = await Task.Run(() => HeldOut(new WalkForwardBacktest(options).Run(data, context.Catalog.Create(candidate.Strategy, candidate.Parameters), cancellationToken), span, options), cancellationToken).ConfigureAwait(false);
        var benchmarks = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (Configuration.BenchmarkConfig benchmark in context.Config.Models.Benchmarks)
        {
            benchmarks[benchmark.Strategy] = HeldOut(new WalkForwardBacktest(options).Run(data, context.Catalog.Create(benchmark.Strategy, benchmark.Parameters), cancellationToken), span, options)?.Sharpe;
        }

        int periods = held?.Periods ?? 0;
        await context.Registry.RecordLedgerEntriesAsync(
            [TrialLedger.LockboxOpening(lineage, context.Config.Name, candidate, held?.PerPeriodSharpe ?? 0, Math.Max(periods, 2))], context.Actor, cancellationToken).ConfigureAwait(false);
        int openings = (await context.Registry.GetLedgerAsync(lineage, cancellationToken).ConfigureAwait(false)).Count(e => e.Kind == LedgerEntryKind.LockboxOpening);
        string parameters = string.Join(",", candidate.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return new LockboxResult(true, string.Create(CultureInfo.InvariantCulture,
                $"opened for {candidate.Strategy} ({parameters}), which passed every other gate: {periods} held-out months {span.FirstDecision:yyyy-MM} .. {span.LastDecision:yyyy-MM}; candidates that have opened it on this data: {openings}"),
            span.FirstDecision, span.LastDecision, span.Periods, held?.Sharpe, held?.AnnualReturn, benchmarks, openings);
    }

    /// <summary>The metrics of a run's decisions in the held-out span (net of costs, Sharpe in excess of the risk-free asset); null under 2 of them.</summary>
    private static PerformanceMetrics? HeldOut(BacktestResult run, HeldOutSpan span, BacktestOptions options)
    {
        int first = -1, count = 0;
        for (int k = 0; k < run.DecisionDates.Count; k++)
        {
            if (run.DecisionDates[k] >= span.FirstDecision && run.DecisionDates[k] <= span.LastDecision)
            {
                first = first < 0 ? k : first;
                count++;
            }
        }

        return count < 2 ? null : PerformanceMetrics.Compute(
            run.NetReturns.Slice(first, count), new MetricsOptions { PeriodsPerYear = options.PeriodsPerYear, RiskFree = run.RiskFree?.Slice(first, count) });
    }
}
