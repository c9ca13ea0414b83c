using System.Security.Cryptography;
using System.Text;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Metrics;
using MacroLab.Data.Storage;
using MacroLab.Registry;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The lab-wide trial ledger as the pipeline uses it: every grid trial of a search is recorded under the lineage of the data
/// it was evaluated on, and the Deflated Sharpe Ratio deflates by every trial ever recorded on that lineage, from any run
/// and any configuration, not only this run's grid.
/// </summary>
public static class TrialLedger
{
    /// <summary>
    /// The data lineage of a backtest: SHA-256 (16 hex digits) of the Gold features and labels it read, by dataset and
    /// content. Signals and feature selection are not part of it: trials that differ only in them are trials on the same data.
    /// </summary>
    public static string LineageOf(DatasetManifest results)
    {
        string[] inputs =
        [
            .. results.Inputs
                .Where(i => i.Dataset.StartsWith("gold/features/", StringComparison.Ordinal) || i.Dataset.StartsWith("gold/labels/", StringComparison.Ordinal))
                .Select(i => $"{i.Dataset}={i.ContentSha256}")
                .Order(StringComparer.Ordinal),
        ];
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', inputs))))[..16];
    }

    /// <summary>The ledger entries of a search's grid trials (those with a Sharpe ratio over at least 2 periods).</summary>
    public static IEnumerable<LedgerEntry> Trials(string lineage, string source, DatasetManifest manifest, BacktestRecord search)
    {
        if (search.Grid is not { } grid)
        {
            yield break;
        }

        // The backtest's options as the stage fingerprints them (walk-forward, simulation, costs).
        string options = manifest.Parameters.TryGetValue("backtest", out string? backtest) ? backtest : string.Empty;
        foreach (TrialOutcome trial in grid.Trials)
        {
            if (trial.PerPeriodSharpe is not { } sharpe || !double.IsFinite(sharpe) || trial.Periods < 2)
            {
                continue;
            }

            yield return new LedgerEntry
            {
                Lineage = lineage,
                Kind = LedgerEntryKind.Trial,
                Key = Digest($"{trial.Trial.Id}\n{search.Dataset.Fingerprint}\n{options}"),
                Source = source,
                Strategy = trial.Trial.Strategy,
                Parameters = trial.Trial.Parameters,
                PerPeriodSharpe = sharpe,
                Periods = trial.Periods,
            };
        }
    }

    /// <summary>
    /// The ledger entry of a candidate opening the lockbox: keyed by the candidate (strategy, parameters, data), so that the
    /// same candidate looking again is one opening and another candidate is counted.
    /// </summary>
    public static LedgerEntry LockboxOpening(string lineage, string source, BacktestRecord candidate, double perPeriodSharpe, int periods)
    {
        string parameters = string.Join(",", candidate.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return new LedgerEntry
        {
            Lineage = lineage,
            Kind = LedgerEntryKind.LockboxOpening,
            Key = Digest($"{candidate.Strategy}\n{parameters}\n{candidate.Dataset.Fingerprint}"),
            Source = source,
            Strategy = candidate.Strategy,
            Parameters = candidate.Parameters,
            PerPeriodSharpe = perPeriodSharpe,
            Periods = periods,
        };
    }

    /// <summary>
    /// The Deflated Sharpe Ratio of a record against every trial of the ledger; null when the ledger has fewer than two
    /// trials or the record's moments are unknown.
    /// </summary>
    public static double? Deflated(PerformanceMetrics record, IReadOnlyList<LedgerEntry> ledger)
    {
        double[] sharpes = [.. ledger.Where(e => e.Kind == LedgerEntryKind.Trial).Select(e => e.PerPeriodSharpe)];
        return sharpes.Length >= 2 && record.PerPeriodSharpe is { } sharpe && record.Skewness is { } skew && record.Kurtosis is { } kurtosis
            ? SharpeRatioStatistics.Deflated(sharpe, record.Periods, skew, kurtosis, sharpes)
            : null;
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
