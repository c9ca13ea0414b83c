using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MacroLab.Backtest;
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
        PipelineContext context, BacktestDocument candidate, HeldOutSpan span, string lineage, CancellationToken cancellationToken)
    {
        BacktestDataset data = BacktestDataset.FromGold(await GoldDataset.LoadAsync(context.Lake, PipelineOptions.Gold(context.Config), cancellationToken).ConfigureAwait(false));
        BacktestOptions options = PipelineOptions.Backtest(context.Config);
        (double[] excess, double[] net) = await Task.Run(() => HeldOutMonths(new WalkForwardBacktest(options).Run(data, context.Catalog.Create(candidate.Strategy, candidate.Parameters), cancellationToken), span), cancellationToken).ConfigureAwait(false);
        var benchmarks = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (Configuration.BenchmarkConfig benchmark in context.Config.Models.Benchmarks)
        {
            (double[] other, _) = HeldOutMonths(new WalkForwardBacktest(options).Run(data, context.Catalog.Create(benchmark.Strategy, benchmark.Parameters), cancellationToken), span);
            benchmarks[benchmark.Strategy] = Sharpe(other, options.PeriodsPerYear);
        }

        double? sharpe = Sharpe(excess, options.PeriodsPerYear);
        double annual = Math.Pow(net.Aggregate(1.0, (w, r) => w * (1 + r)), options.PeriodsPerYear / (double)Math.Max(net.Length, 1)) - 1;
        string parameters = string.Join(",", candidate.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var entry = new LedgerEntry
        {
            Lineage = lineage,
            Kind = LedgerEntryKind.LockboxOpening,
            Key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{candidate.Strategy}\n{parameters}\n{candidate.Dataset.Fingerprint}")))[..16],
            Source = context.Config.Name,
            Strategy = candidate.Strategy,
            Parameters = candidate.Parameters,
            PerPeriodSharpe = sharpe is { } s ? s / Math.Sqrt(options.PeriodsPerYear) : 0,
            Periods = Math.Max(excess.Length, 2),
        };
        await context.Registry.RecordLedgerEntriesAsync([entry], context.Actor, cancellationToken).ConfigureAwait(false);
        int openings = (await context.Registry.GetLedgerAsync(lineage, cancellationToken).ConfigureAwait(false)).Count(e => e.Kind == LedgerEntryKind.LockboxOpening);
        return new LockboxResult(true, string.Create(CultureInfo.InvariantCulture,
                $"opened for {candidate.Strategy} ({parameters}), which passed every other gate: {excess.Length} held-out months {span.FirstDecision:yyyy-MM} .. {span.LastDecision:yyyy-MM}; candidates that have opened it on this data: {openings}"),
            span.FirstDecision, span.LastDecision, span.Periods, sharpe, annual, benchmarks, openings);
    }

    /// <summary>Excess and net returns of the decisions in the held-out span.</summary>
    private static (double[] Excess, double[] Net) HeldOutMonths(BacktestResult run, HeldOutSpan span)
    {
        var excess = new List<double>();
        var net = new List<double>();
        for (int k = 0; k < run.DecisionDates.Count; k++)
        {
            if (run.DecisionDates[k] >= span.FirstDecision && run.DecisionDates[k] <= span.LastDecision)
            {
                double r = run.NetReturns.Values[k];
                net.Add(r);
                excess.Add(r - (run.RiskFree is { } rf ? rf.Values[k] : 0));
            }
        }

        return ([.. excess], [.. net]);
    }

    private static double? Sharpe(double[] excess, int periodsPerYear)
    {
        if (excess.Length < 2)
        {
            return null;
        }

        double mean = excess.Average();
        double sd = Math.Sqrt(excess.Sum(x => (x - mean) * (x - mean)) / (excess.Length - 1));
        return sd > 0 ? mean / sd * Math.Sqrt(periodsPerYear) : null;
    }
}
