using System.Globalization;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Grid;

/// <summary>
/// Selection inside the walk-forward. At each refit a (the first decision of a test window) every trial is scored on its own
/// out-of-sample record over the decisions whose returns were realised by a: an inner walk-forward on the training window
/// whose folds are the outer folds already behind a, so nothing is fitted twice (the trials' folds are shared between the
/// inner and the outer loop). Each inner decision came from a model fitted, with purge and embargo, on data known before it,
/// and its return is known at a; no label after a is read. The trial with the highest Sharpe ratio among those meeting the
/// constraints trades the test window; the windows' target weights are stitched and simulated once more with costs, so a
/// switch of trial pays its trades. The record starts at the first refit with <see cref="GridSearchOptions.MinSelectionPeriods"/>
/// periods of evidence, and the trials are scored on the months they all share.
/// </summary>
internal static class NestedSelection
{
    /// <summary>The outcome: the stitched record, each refit's choice, and the choice at the end of the data (the model to train).</summary>
    internal sealed record Outcome(BacktestResult Record, IReadOnlyList<SelectionStep> Steps, TrialOutcome Final, SelectionStep FinalStep);

    /// <summary>
    /// Runs nested selection: the outcome, every refit's choice, and why. The outcome is null, with the reason, when no
    /// refit has enough evidence or no trial meets the constraints over the whole record (the choices are still given).
    /// </summary>
    /// <param name="data">The dataset every trial ran on.</param>
    /// <param name="backtest">The backtest the trials ran.</param>
    /// <param name="options">The selection options.</param>
    /// <param name="trials">Every trial, with its record.</param>
    /// <param name="labelHorizon">The longest label horizon among the trials: its folds are the refits (their test windows are shared by every trial).</param>
    /// <param name="describe">Gives the strategy name and resolved parameters of the final choice.</param>
    internal static (Outcome? Outcome, IReadOnlyList<SelectionStep> Steps, string Reason) Run(
        BacktestDataset data, BacktestOptions backtest, GridSearchOptions options, IReadOnlyList<TrialOutcome> trials, int labelHorizon,
        Func<TrialOutcome, (string Strategy, IReadOnlyDictionary<string, string> Parameters)> describe)
    {
        if (backtest.WalkForward.Combinatorial is not null)
        {
            throw new ArgumentException("Nested selection needs walk-forward folds; with combinatorial purged CV use selection mode global.");
        }

        int assets = data.AssetCount;
        var first = new int[trials.Count];
        int lo = 0, hi = int.MaxValue;
        for (int i = 0; i < trials.Count; i++)
        {
            TrialRecord trialRecord = trials[i].Record ?? throw new ArgumentException($"Trial {trials[i].Trial.Index} ({trials[i].Trial.Id}) has no out-of-sample record to select on.");
            first[i] = RowOf(data, trialRecord.FirstDecision, trials[i]);
            lo = Math.Max(lo, first[i]);
            hi = Math.Min(hi, first[i] + trialRecord.NetReturns.Count - 1);
        }

        var evidence = new Evidence(data, backtest.PeriodsPerYear, options, trials, first);
        var traded = new List<WalkForwardFold>();
        var steps = new List<SelectionStep>();
        var chosen = new List<int>();
        foreach (WalkForwardFold fold in WalkForwardSplitter.WalkForward(data.Dates, backtest.WalkForward, labelHorizon))
        {
            if (fold.TestStart < lo || fold.TestStart > hi)
            {
                continue;
            }

            int end = LastRealized(data, lo, fold.TestStart);
            if (end - lo + 1 < options.MinSelectionPeriods)
            {
                continue; // not enough evidence yet: the record starts later
            }

            SelectionStep step = evidence.Choose(data.Dates[fold.TestStart], lo, end);
            steps.Add(step);
            chosen.Add(step.Trial);
            traded.Add(fold.TestEnd <= hi ? fold : new WalkForwardFold(fold.Index, fold.TrainRows, [.. fold.TestRows.Where(r => r <= hi)]));
        }

        if (traded.Count == 0)
        {
            return (null, steps, string.Create(CultureInfo.InvariantCulture,
                $"no refit has {options.MinSelectionPeriods} realised out-of-sample periods shared by all {trials.Count} trials to select on; use a longer history, fewer training periods or a smaller selection.minSelectionPeriods"));
        }

        int start = traded[0].TestStart;
        var targets = new double[(traded[^1].TestEnd - start + 1) * assets];
        for (int k = 0; k < traded.Count; k++)
        {
            int i = chosen[k];
            IReadOnlyList<double> source = trials[i].Record!.TargetWeights;
            foreach (int row in traded[k].TestRows)
            {
                for (int a = 0; a < assets; a++)
                {
                    targets[((row - start) * assets) + a] = source[((row - first[i]) * assets) + a];
                }
            }
        }

        // The choice at the end of the data, on every realised decision: the model that trades from now on.
        SelectionStep last = evidence.Choose(data.RealizedAt[hi], lo, hi);
        if (last.Eligible == 0)
        {
            // As under global selection: with no trial within the constraints on the whole record, there is nothing to promote.
            return (null, steps, string.Create(CultureInfo.InvariantCulture,
                $"none of the {trials.Count} trials meets the constraints (max drawdown {Show(options.MaxDrawdown)}, max annual turnover {Show(options.MaxAnnualTurnover)}) over the {last.EvidencePeriods} realised out-of-sample months"));
        }

        TrialOutcome final = trials[last.Trial];
        (string strategy, IReadOnlyDictionary<string, string> parameters) = describe(final);
        BacktestResult record = new WalkForwardBacktest(backtest).Assemble(data, strategy, parameters, labelHorizon, traded, targets);
        return (new Outcome(record, steps, final, last), steps, string.Create(CultureInfo.InvariantCulture,
            $"nested selection: at each of {steps.Count} refits the trial with the highest Sharpe ratio over the out-of-sample months realised by then (at least {options.MinSelectionPeriods}) trades the next window; trial {final.Trial.Index} ({final.Trial.Id}) is chosen on all {last.EvidencePeriods} months to {last.EvidenceEnd:yyyy-MM} (Sharpe {last.Sharpe:0.###}, {last.Eligible} of {trials.Count} trials meeting the constraints)"));
    }

    private static string Show(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";

    /// <summary>The last decision row at or after <paramref name="from"/> and before <paramref name="refit"/> whose return is realised by the refit's date.</summary>
    internal static int LastRealized(BacktestDataset data, int from, int refit)
    {
        int end = refit - 1;
        while (end >= from && data.RealizedAt[end] > data.Dates[refit])
        {
            end--;
        }

        return end;
    }

    private static int RowOf(BacktestDataset data, DateOnly date, TrialOutcome trial)
    {
        int row = data.Dates is DateOnly[] dates ? Array.BinarySearch(dates, date) : data.Dates.ToList().BinarySearch(date);
        return row >= 0 ? row : throw new ArgumentException($"Trial {trial.Trial.Index} ({trial.Trial.Id}) starts at {date:yyyy-MM-dd}, which is not a decision date of the dataset.");
    }

    /// <summary>Scores the trials on a span of their records.</summary>
    private sealed class Evidence(BacktestDataset data, int periodsPerYear, GridSearchOptions options, IReadOnlyList<TrialOutcome> trials, int[] first)
    {
        public SelectionStep Choose(DateOnly refit, int from, int to)
        {
            int best = -1, bestEligible = -1, eligible = 0;
            double bestSharpe = double.NegativeInfinity, bestEligibleSharpe = double.NegativeInfinity;
            for (int i = 0; i < trials.Count; i++)
            {
                (double sharpe, double drawdown, double turnover) = Score(i, from, to);
                if (!double.IsFinite(sharpe))
                {
                    continue;
                }

                if (sharpe > bestSharpe)
                {
                    (best, bestSharpe) = (i, sharpe); // strictly greater: ties keep the lower index
                }

                bool meets = (options.MaxDrawdown is not { } maxDrawdown || drawdown <= maxDrawdown)
                    && (options.MaxAnnualTurnover is not { } maxTurnover || turnover <= maxTurnover);
                if (meets)
                {
                    eligible++;
                    if (sharpe > bestEligibleSharpe)
                    {
                        (bestEligible, bestEligibleSharpe) = (i, sharpe);
                    }
                }
            }

            int pick = bestEligible >= 0 ? bestEligible : Math.Max(best, 0);
            double? score = bestEligible >= 0 ? bestEligibleSharpe : best >= 0 ? bestSharpe : null;
            return new SelectionStep(refit, data.Dates[from], data.Dates[to], to - from + 1, trials[pick].Trial.Index, trials[pick].Trial.Id, score, eligible);
        }

        private (double Sharpe, double Drawdown, double Turnover) Score(int trial, int from, int to)
        {
            TrialRecord record = trials[trial].Record!;
            int n = to - from + 1;
            double mean = 0, m2 = 0, wealth = 1, peak = 1, drawdown = 0, turnover = 0;
            for (int row = from, k = 1; row <= to; row++, k++)
            {
                double net = record.NetReturns[row - first[trial]];
                double excess = net - (data.RiskFreeAsset >= 0 ? data.PeriodReturn(row, data.RiskFreeAsset) : 0);
                double delta = excess - mean;
                mean += delta / k;
                m2 += delta * (excess - mean);
                wealth *= 1 + net;
                peak = Math.Max(peak, wealth);
                drawdown = Math.Max(drawdown, 1 - (wealth / peak));
                turnover += record.Turnover[row - first[trial]];
            }

            double sd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
            return (sd > 0 ? mean / sd * Math.Sqrt(periodsPerYear) : double.NaN, drawdown, turnover * periodsPerYear / n);
        }
    }
}
