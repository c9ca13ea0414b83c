using System.Globalization;
using MacroLab.Backtest;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Reporting;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Hosting.Documents;
using MacroLab.Scoring;

namespace MacroLab.Hosting.Reporting;

/// <summary>Computes the run summary's numbers from the run's facts: selection, metrics, CATE by regime, importance, attribution.</summary>
internal static class RunSummaryBuilder
{
    /// <summary>The growth/inflation quadrants, in report order: the one-hot <c>regime.&lt;quadrant&gt;</c> columns of the feature stage.</summary>
    public static readonly string[] Regimes = ["goldilocks", "reflation", "stagflation", "deflation"];

    public static RunSummaryDocument Build(RunFacts facts)
    {
        BacktestRecord r = facts.Results;
        (string decision, string reason) = Decide(facts);
        ModelCard card = facts.Card;
        return new RunSummaryDocument
        {
            Pipeline = facts.Config.Name,
            Decision = decision,
            DecisionReason = reason,
            Selection = new SelectionSummary(r.Strategy, r.Parameters, SelectedTrial.Of(r)?.Trial.Parameters ?? r.Parameters, r.Grid?.TrialCount ?? 1, r.Grid?.Reason ?? "single run", r.Grid?.Selected, r.Grid?.Trials ?? [])
            {
                Mode = r.Selection?.Mode,
            },
            OutOfSample = r.Metrics,
            Trading = r.Trading,
            Benchmarks = [.. facts.Benchmarks.Select(b => new BenchmarkSummary(b.Results.Strategy, b.Results.Parameters, b.Results.Metrics, b.Results.Trading))],
            Folds = r.Folds,
            Gates = facts.Gates,
            Model = new ModelSummary(card.Name, card.Model.Architecture.ToString(), card.FeatureNames, card.Assets, card.Lookback, card.Horizon, card.TrainingWindow,
                card.ValidationWindow, card.Metrics, card.WeightsSha256, facts.OnnxSha256),
            Registry = facts.Registration is { } reg ? new RegistrySummary(reg.Model, reg.Version, reg.Registry, facts.Config.Registry.Alias, facts.AliasVersion) : null,
            CateByRegime = CateByRegime(facts),
            Importance = Importance(facts),
            Attribution = Attribution(facts),
            PseudoRealTimeShare = facts.Gates.PseudoRealTimeShare,
            RealTime = RealTime(facts),
            Revisions = facts.Revised is { } revised ? Revisions(r, revised) : null,
            DataVintages = [.. facts.Lineage.Where(d => d.Dataset.StartsWith("bronze/", StringComparison.Ordinal))],
            Lineage = facts.Lineage,
            ConfigSha256 = facts.ConfigSha256,
            GitCommit = facts.Build.GitCommit,
            GitDirty = facts.Build.GitDirty,
            Packages = facts.Build.Packages,
        };
    }

    /// <summary>
    /// The selected trial on real-time data (its own walk-forward record, from the grid; the run's record when there is no
    /// grid) against the same trial and walk-forward on revised data, over the same months.
    /// </summary>
    private static RevisionCost Revisions(BacktestRecord results, BacktestRecord revised)
    {
        TrialOutcome? trial = SelectedTrial.Of(results);
        double? sharpe = trial is null ? results.Metrics.Sharpe : trial.Sharpe;
        double annual = trial?.AnnualReturn ?? results.Metrics.AnnualReturn;
        return new RevisionCost(sharpe, revised.Metrics.Sharpe, revised.Metrics.Sharpe - sharpe, annual, revised.Metrics.AnnualReturn);
    }

    /// <summary>The headline concepts whose year-over-year changes the regimes and signals rest on.</summary>
    public static readonly string[] Headline = ["CPIAUCSL.yoy", "CPILFESL.yoy", "PAYEMS.yoy", "UNRATE.yoy", "INDPRO.yoy", "GDPC1.yoy"];

    /// <summary>Real-time coverage over the out-of-sample years: the model's inputs, the headline concepts, all of Gold, and the inputs by family and decade.</summary>
    private static RealTimeSummary RealTime(RunFacts facts)
    {
        int from = facts.Results.Metrics.Start.Year, to = facts.Results.Metrics.End.Year;
        var inputs = new HashSet<string>(facts.Card.FeatureNames, StringComparer.Ordinal);
        IReadOnlyList<FeatureCoverageRecord> rows = facts.Coverage;
        CoverageShares Shares(string group, IEnumerable<FeatureCoverageRecord> selected, int first, int last)
        {
            RealTimeCoverage c = RealTimeCoverage.Of(selected, null, first, last);
            return new CoverageShares(group, c.Known, c.RealTimeShare, c.PseudoRealTimeShare, c.EstimatedReleaseShare);
        }

        FeatureCoverageRecord[] model = [.. rows.Where(r => inputs.Contains(r.Feature))];
        CoverageShares[] headline =
        [
            .. Headline.Where(h => rows.Any(r => r.Feature == h)).Select(h => Shares(h, rows.Where(r => r.Feature == h), from, to)),
            Shares("together", rows.Where(r => Headline.Contains(r.Feature)), from, to),
        ];
        var byFamily = new List<CoverageShares>();
        foreach (IGrouping<string, FeatureCoverageRecord> family in model.GroupBy(r => r.Series == FeatureTable.DerivedSeries ? "Regime (derived)" : FamilyName(r.Family)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            for (int decade = from / 10 * 10; decade <= to; decade += 10)
            {
                CoverageShares shares = Shares(string.Create(CultureInfo.InvariantCulture, $"{family.Key} {decade}s"), family, Math.Max(decade, from), Math.Min(decade + 9, to));
                if (shares.Known > 0)
                {
                    byFamily.Add(shares);
                }
            }
        }

        return new RealTimeSummary(from, to, Shares("model inputs", model, from, to), headline, Shares("all Gold features", rows, from, to), byFamily);
    }

    private static string FamilyName(MacroLab.Data.Sources.SeriesFamily family) => family switch
    {
        MacroLab.Data.Sources.SeriesFamily.OutputAndIncome => "Output and income",
        MacroLab.Data.Sources.SeriesFamily.LaborMarket => "Labor market",
        MacroLab.Data.Sources.SeriesFamily.Housing => "Housing",
        MacroLab.Data.Sources.SeriesFamily.ConsumptionOrdersAndInventories => "Consumption and orders",
        MacroLab.Data.Sources.SeriesFamily.MoneyAndCredit => "Money and credit",
        MacroLab.Data.Sources.SeriesFamily.InterestAndExchangeRates => "Rates and FX",
        MacroLab.Data.Sources.SeriesFamily.Prices => "Prices",
        MacroLab.Data.Sources.SeriesFamily.StockMarket => "Stock market",
        _ => "Other",
    };

    private static (string Decision, string Reason) Decide(RunFacts facts)
    {
        string alias = facts.Config.Registry.Alias;
        if (!facts.Gates.Verdict.Passed)
        {
            return ("rejected", facts.Gates.Verdict.Summary + (facts.Registration is { } r ? string.Create(CultureInfo.InvariantCulture, $"; registered as {r.Model}:{r.Version} without the {alias} alias") : string.Empty));
        }

        if (facts.Registration is not { } registration)
        {
            return ("not-registered", "every gate passed; the run stopped before registering");
        }

        return facts.AliasVersion == registration.Version
            ? ("promoted", string.Create(CultureInfo.InvariantCulture, $"every gate passed; {registration.Model}@{alias} is version {registration.Version}"))
            : ("not-promoted", string.Create(CultureInfo.InvariantCulture,
                $"every gate passed, but {registration.Model}@{alias} is {(facts.AliasVersion is { } v ? $"version {v}" : "unset")} (promotion off, stopped before it, or moved away by people)"));
    }

    /// <summary>The mean CATE of each treatment on each asset within each regime, over months with a signal and a known regime.</summary>
    private static List<RegimeEffect> CateByRegime(RunFacts facts)
    {
        var effects = new List<RegimeEffect>();
        TimeSeriesTable features = facts.Features;
        int[] quadrants = [.. Regimes.Select(r => features.IndexOf($"regime.{r}"))];
        if (quadrants.Any(c => c < 0))
        {
            return effects;
        }

        var rowOf = new Dictionary<DateOnly, int>();
        for (int row = 0; row < features.RowCount; row++)
        {
            rowOf[features.Dates[row]] = row;
        }

        foreach ((string treatment, TimeSeriesTable signals) in facts.Signals)
        {
            foreach (string column in signals.Columns.Where(c => c.StartsWith("cate.", StringComparison.Ordinal) && c.Count(ch => ch == '.') == 1))
            {
                ReadOnlySpan<double> cate = signals.Column(column);
                int lowerColumn = signals.IndexOf(column + SignalColumns.LowerSuffix), upperColumn = signals.IndexOf(column + SignalColumns.UpperSuffix);
                bool bounded = lowerColumn >= 0 && upperColumn >= 0;
                ReadOnlySpan<double> lowerBounds = bounded ? signals.Column(lowerColumn) : default, upperBounds = bounded ? signals.Column(upperColumn) : default;
                var sums = new double[4];
                var counts = new int[4];
                var lowers = new double[4];
                var uppers = new double[4];
                var significant = new int[4];
                for (int row = 0; row < signals.RowCount; row++)
                {
                    if (!double.IsFinite(cate[row]) || !rowOf.TryGetValue(signals.Dates[row], out int f))
                    {
                        continue;
                    }

                    int regime = Array.FindIndex(quadrants, c => features.Column(c)[f] == 1);
                    if (regime < 0)
                    {
                        continue;
                    }

                    sums[regime] += cate[row];
                    counts[regime]++;
                    if (bounded)
                    {
                        double lower = lowerBounds[row], upper = upperBounds[row];
                        lowers[regime] += lower;
                        uppers[regime] += upper;
                        significant[regime] += lower > 0 || upper < 0 ? 1 : 0;
                    }
                }

                for (int k = 0; k < 4; k++)
                {
                    if (counts[k] > 0)
                    {
                        effects.Add(new RegimeEffect(treatment, column["cate.".Length..], Regimes[k], sums[k] / counts[k], counts[k])
                        {
                            MeanLower = bounded ? lowers[k] / counts[k] : null,
                            MeanUpper = bounded ? uppers[k] / counts[k] : null,
                            SignificantShare = bounded ? significant[k] / (double)counts[k] : null,
                        });
                    }
                }
            }
        }

        return effects;
    }

    /// <summary>
    /// Occlusion importance of each input on the reference rows: the mean over rows of the summed absolute change of the
    /// tilts when the input is set to its reference mean (in every position of a window), scored by ONNX Runtime.
    /// </summary>
    private static List<FeatureImportance> Importance(RunFacts facts)
    {
        if (facts.Reference is not { RowCount: > 1 } reference || facts.Onnx is null)
        {
            return [];
        }

        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(facts.Onnx, source: "model.onnx");
        int width = scorer.FeatureNames.Count, lookback = scorer.Lookback;
        int[] columns = [.. scorer.FeatureNames.Select(f => reference.IndexOf(f))];
        if (columns.Any(c => c < 0))
        {
            return [];
        }

        // Windows of consecutive month ends only, so a Transformer never sees a window with a hole in it.
        var ends = new List<int>();
        for (int row = lookback - 1; row < reference.RowCount; row++)
        {
            bool consecutive = true;
            for (int k = row - lookback + 1; k < row && consecutive; k++)
            {
                DateOnly a = reference.Dates[k], b = reference.Dates[k + 1];
                consecutive = ((b.Year * 12) + b.Month) - ((a.Year * 12) + a.Month) == 1;
            }

            if (consecutive)
            {
                ends.Add(row);
            }
        }

        if (ends.Count == 0)
        {
            return [];
        }

        var means = new float[width];
        for (int f = 0; f < width; f++)
        {
            ReadOnlySpan<double> column = reference.Column(columns[f]);
            double sum = 0;
            foreach (double v in column)
            {
                sum += v;
            }

            means[f] = (float)(sum / column.Length);
        }

        int rowWidth = lookback * width;
        var inputs = new float[ends.Count * rowWidth];
        for (int e = 0; e < ends.Count; e++)
        {
            for (int j = 0; j < lookback; j++)
            {
                int row = ends[e] - lookback + 1 + j;
                for (int f = 0; f < width; f++)
                {
                    inputs[(e * rowWidth) + (j * width) + f] = (float)reference.Column(columns[f])[row];
                }
            }
        }

        float[] baseline = scorer.Score(inputs);
        var occluded = new float[inputs.Length];
        var importance = new List<FeatureImportance>(width);
        for (int f = 0; f < width; f++)
        {
            inputs.CopyTo(occluded, 0);
            for (int e = 0; e < ends.Count; e++)
            {
                for (int j = 0; j < lookback; j++)
                {
                    occluded[(e * rowWidth) + (j * width) + f] = means[f];
                }
            }

            float[] tilts = scorer.Score(occluded);
            double total = 0;
            for (int k = 0; k < tilts.Length; k++)
            {
                total += Math.Abs(tilts[k] - baseline[k]);
            }

            importance.Add(new FeatureImportance(scorer.FeatureNames[f], total / ends.Count));
        }

        return [.. importance.OrderByDescending(i => i.Score).ThenBy(i => i.Feature, StringComparer.Ordinal)];
    }

    /// <summary>Each asset's active weight over equal weight (1/N in the risky assets) and its contribution, annualised.</summary>
    private static List<TiltAttribution> Attribution(RunFacts facts)
    {
        BacktestRecord r = facts.Results;
        BacktestDataset data = facts.Data;
        var rowOf = new Dictionary<DateOnly, int>();
        for (int row = 0; row < data.RowCount; row++)
        {
            rowOf[data.RealizedAt[row]] = row;
        }

        IReadOnlyList<string> assets = r.Dataset.Assets;
        int riskFree = r.Dataset.RiskFreeAsset is { } cash ? assets.ToList().IndexOf(cash) : -1;
        int risky = assets.Count - (riskFree >= 0 ? 1 : 0);
        int[] dataAsset = [.. assets.Select(a => data.Assets.ToList().IndexOf(a))];
        var active = new double[assets.Count];
        var contribution = new double[assets.Count];
        int periods = 0;
        foreach (BacktestPeriod period in r.Returns)
        {
            if (!rowOf.TryGetValue(period.Date, out int row))
            {
                continue;
            }

            periods++;
            for (int a = 0; a < assets.Count; a++)
            {
                double benchmark = a == riskFree ? 0 : 1.0 / risky;
                double activeWeight = period.Weights[a] - benchmark;
                active[a] += activeWeight;
                contribution[a] += dataAsset[a] >= 0 ? activeWeight * data.PeriodReturn(row, dataAsset[a]) : 0;
            }
        }

        return periods == 0
            ? []
            : [.. assets.Select((asset, a) => new TiltAttribution(asset, active[a] / periods, contribution[a] / periods * r.Options.PeriodsPerYear))];
    }
}
