using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Reporting;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;
using MacroLab.Data.Features;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Reporting;
using MacroLab.Scoring;
using MacroLab.Registry;
using MacroLab.Data.Validation;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The promotion decision on the nested out-of-sample record: the backtest's absolute gates, with the DSR deflated by every
/// trial in the registry's ledger on the same data; the relative gates against the best benchmark and the champion over
/// the same months (Ledoit-Wolf); checks of the model that would be served (ONNX Runtime must reproduce TorchSharp's tilts
/// on the card's input example; the share of pseudo-real-time inputs must stay under its limit); the ablations'
/// comparisons; and, last and only for a candidate that passed everything else, the lockbox.
/// </summary>
internal sealed class GatesStep : IPipelineStep
{
    private const int Version = 1;

    public string Name => StageGraph.Gates;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string name = context.Config.Name;
        DatasetManifest results = await context.RequireAsync(RunLayout.Results(name), StageGraph.Backtest, cancellationToken).ConfigureAwait(false);
        DatasetManifest onnx = await context.RequireAsync(RunLayout.ModelOnnx(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);
        DatasetManifest card = await context.RequireAsync(RunLayout.ModelCard(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);
        DatasetManifest features = await context.RequireAsync(PipelineOptions.FeatureDatasets(context.Config).Coverage, StageGraph.Features, cancellationToken).ConfigureAwait(false);
        var benchmarks = new List<(string Name, DatasetManifest Manifest)>();
        foreach (BenchmarkConfig benchmark in context.Config.Models.Benchmarks)
        {
            benchmarks.Add((benchmark.Strategy, await context.RequireAsync(RunLayout.BenchmarkResults(name, benchmark.Strategy), StageGraph.Backtest, cancellationToken).ConfigureAwait(false)));
        }

        var ablations = new List<(string Name, DatasetManifest Manifest, BacktestRecord Record)>();
        foreach (AblationConfig ablation in context.Config.Models.Ablations)
        {
            DatasetManifest manifest = await context.RequireAsync(RunLayout.AblationResults(name, ablation.Name), StageGraph.Backtest, cancellationToken).ConfigureAwait(false);
            ablations.Add((ablation.Name, manifest, BacktestJson.Deserialize(await context.Lake.ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false), manifest.DataKey)));
        }

        // The lab-wide ledger: this search's trials and its ablations' join every trial ever evaluated on the same data;
        // the DSR deflates by all of them. Recording is idempotent, so a re-run adds nothing.
        BacktestRecord backtest = BacktestJson.Deserialize(await context.Lake.ReadContentAsync(results, cancellationToken).ConfigureAwait(false), results.DataKey);
        string lineage = TrialLedger.LineageOf(results);
        LedgerEntry[] trials = [.. TrialLedger.Trials(lineage, name, results, backtest), .. ablations.SelectMany(a => TrialLedger.Trials(lineage, RunLayout.Ablation(name, a.Name), a.Manifest, a.Record))];
        await context.Registry.RecordLedgerEntriesAsync(trials, context.Actor, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LedgerEntry> ledger = await context.Registry.GetLedgerAsync(lineage, cancellationToken).ConfigureAwait(false);

        ModelVersion? champion = await ChampionAsync(context, results, cancellationToken).ConfigureAwait(false);
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
        {
            ["gates"] = context.Config.Gates.ToString(),
            ["validation"] = context.Config.Validation.ToString(),
            ["seed"] = context.Config.Seed.ToString(CultureInfo.InvariantCulture),
            ["champion"] = champion is null ? "-" : $"{champion.Name}:{champion.Version}",
            // Not the ledger's state: the verdict counts the trials on record when it was reached, and an unchanged re-run
            // keeps it (and the registered version); `--from gates --force` judges again against today's ledger.
            ["lineage"] = lineage,
            ["lockbox"] = context.Config.Lockbox.ToString(),
        }, [StepLake.Input(results), StepLake.Input(onnx), StepLake.Input(card), StepLake.Input(features), .. benchmarks.Select(b => StepLake.Input(b.Manifest)), .. ablations.Select(a => StepLake.Input(a.Manifest))]);
        int ledgerTrials = ledger.Count(e => e.Kind == LedgerEntryKind.Trial);
        string output = RunLayout.Gates(name);
        return await StepRun.RunAsync(context, Name, started, [output], recipe,
            async (current, token) =>
            {
                GatesDocument document = HostingJsonContext.Read(await context.Lake.ReadContentAsync(current[0], token).ConfigureAwait(false), HostingJsonContext.Default.GatesDocument, current[0].DataKey);
                return new StepReport(Notes(document), document);
            },
            async (transaction, token) =>
            {
                ModelCard model = ModelCardJson.Deserialize(await context.Lake.ReadContentAsync(card, token).ConfigureAwait(false), card.DataKey);
                byte[] onnxBytes = await context.Lake.ReadContentAsync(onnx, token).ConfigureAwait(false);
                var checks = new List<GateResult>();
                foreach (GateResult gate in backtest.Gates?.Gates ?? [])
                {
                    // The DSR gate is judged again with the ledger: every trial on this data lineage, not only this run's grid.
                    checks.Add(Finite(gate.Name == "min_deflated_sharpe" && gate.Threshold is { } minimum && TrialLedger.Deflated(backtest.Metrics, ledger) is { } dsr
                        ? new GateResult(gate.Name, dsr, minimum, dsr >= minimum, string.Create(CultureInfo.InvariantCulture,
                            $"deflated Sharpe ratio over the {ledgerTrials} trials ever evaluated on this data (lineage {lineage}; this run's grid: {backtest.Grid?.TrialCount ?? 1}) {dsr:0.####} {(dsr >= minimum ? ">=" : "<")} {minimum:0.####}"))
                        : gate));
                }

                GateOptions options = context.Config.Gates;
                int periodsPerYear = context.Config.PeriodsPerYear, seed = context.Config.Seed;
                var comparisons = new List<RecordComparison>();
                foreach ((string benchmark, DatasetManifest manifest) in benchmarks)
                {
                    BacktestRecord other = BacktestJson.Deserialize(await context.Lake.ReadContentAsync(manifest, token).ConfigureAwait(false), manifest.DataKey);
                    if (RecordReturns.Compare(RecordComparison.Benchmark, benchmark, backtest, other, periodsPerYear, seed) is { } compared)
                    {
                        comparisons.Add(compared);
                    }
                }

                if (options.BenchmarkSignificance is { } benchmarkLevel)
                {
                    // The best benchmark is the one with the highest Sharpe ratio over the months it shares with the candidate.
                    RecordComparison? best = comparisons.Where(c => c.Kind == RecordComparison.Benchmark).MaxBy(c => c.Test.OtherSharpe);
                    checks.Add(Finite(best is null
                        ? new GateResult(ComparisonGates.BeatsBenchmark, null, benchmarkLevel, false, "no benchmark shares enough out-of-sample months with the candidate to compare")
                        : ComparisonGates.Benchmark(best.Name, best.Test, benchmarkLevel)));
                }

                if (champion is not null)
                {
                    byte[] json = await context.Registry.DownloadArtifactAsync(champion.Name, champion.Version, "results.json", token).ConfigureAwait(false);
                    BacktestRecord other = BacktestJson.Deserialize(json, $"{champion.Name}:{champion.Version}/results.json");
                    if (RecordReturns.Compare(RecordComparison.Champion, $"{champion.Name}:{champion.Version}", backtest, other, periodsPerYear, seed) is { } compared)
                    {
                        comparisons.Add(compared);
                    }
                }

                if (options.ChampionSignificance is { } championLevel)
                {
                    RecordComparison? against = comparisons.Find(c => c.Kind == RecordComparison.Champion);
                    checks.Add(Finite(against is not null
                        ? ComparisonGates.Champion(against.Name, against.Test, championLevel)
                        : ComparisonGates.NoChampion(champion is null
                            ? $"no {context.Config.Registry.Alias} yet: nothing to compare with"
                            : $"the {context.Config.Registry.Alias} {champion.Name}:{champion.Version} shares fewer than {RecordReturns.MinCommonPeriods} out-of-sample months with the candidate", championLevel)));
                }

                foreach ((string ablation, _, BacktestRecord other) in ablations)
                {
                    if (RecordReturns.Compare(RecordComparison.Ablation, ablation, backtest, other, periodsPerYear, seed) is { } compared)
                    {
                        comparisons.Add(compared);
                    }
                }

                double difference = OnnxDifference(onnxBytes, model, onnx.DataKey);
                double tolerance = context.Config.Validation.OnnxTolerance;
                checks.Add(new GateResult("onnx_parity", difference, tolerance, difference <= tolerance, string.Create(CultureInfo.InvariantCulture,
                    $"ONNX Runtime reproduces TorchSharp's tilts on the card's {model.InputExample.Inputs.Count} example rows to {difference:0.###e+0} (tolerance {tolerance:0.###e+0})")));
                // The model's own inputs (signal columns are computed from Gold features and carry no coverage of their own), over the
                // years its out-of-sample record spans.
                IReadOnlyList<FeatureCoverageRecord> coverage = await context.Lake.ReadCoverageAsync(features.Dataset, token).ConfigureAwait(false);
                var inputs = new HashSet<string>(model.FeatureNames, StringComparer.Ordinal);
                RealTimeCoverage real = RealTimeCoverage.Of(coverage, inputs, backtest.Metrics.Start.Year, backtest.Metrics.End.Year);
                double share = real.PseudoRealTimeShare;
                if (context.Config.Validation.MaxPseudoRealTimeShare is { } limit)
                {
                    checks.Add(new GateResult("max_pseudo_real_time_share", share, limit, share <= limit, string.Create(CultureInfo.InvariantCulture,
                        $"{share:P1} of the model's known input cells in {backtest.Metrics.Start.Year}-{backtest.Metrics.End.Year} rest on first-vintage backfill (limit {limit:P1}); {real.RealTimeShare:P1} on real-time vintages")));
                }

                // The lockbox opens last, and only for a candidate that passed everything else: no selection, tuning or gate saw it.
                LockboxResult lockbox;
                if (backtest.HeldOut is not { } span)
                {
                    lockbox = LockboxOpening.Sealed(null, "no lockbox: lockbox.periods is 0", ledger);
                }
                else if (checks.Exists(c => !c.Passed))
                {
                    lockbox = LockboxOpening.Sealed(span, string.Create(CultureInfo.InvariantCulture,
                        $"sealed: the candidate failed {string.Join(", ", checks.Where(c => !c.Passed).Select(c => c.Name))}, so the {span.Periods} held-out months {span.FirstDecision:yyyy-MM} .. {span.LastDecision:yyyy-MM} stay unseen"), ledger);
                }
                else
                {
                    progress?.Report(new StageProgress(Name, "opening the lockbox", 1, 2));
                    lockbox = await LockboxOpening.OpenAsync(context, backtest, span, lineage, token).ConfigureAwait(false);
                    if (context.Config.Lockbox.MinSharpe is { } minimum)
                    {
                        bool passed = lockbox.Sharpe is { } s && s >= minimum;
                        checks.Add(new GateResult("lockbox_sharpe", lockbox.Sharpe, minimum, passed, string.Create(CultureInfo.InvariantCulture,
                            $"annualised Sharpe ratio {lockbox.Sharpe:0.###} on the {lockbox.Periods} held-out months {(passed ? ">=" : "<")} {minimum:0.###}")));
                    }
                }

                var verdict = GateVerdict.Of(checks);
                var document = new GatesDocument(verdict, backtest.Strategy, backtest.Parameters, difference, share, comparisons)
                {
                    Lineage = lineage,
                    LedgerTrials = ledgerTrials,
                    Lockbox = lockbox,
                };
                transaction.AddFile(output, "gates.json", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document, HostingJsonContext.Default.GatesDocument), "application/json", recipe,
                    new Dictionary<string, string> { ["passed"] = verdict.Passed ? "true" : "false", ["summary"] = verdict.Summary });
                return new StepReport(Notes(document), document);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The largest absolute difference between ONNX Runtime's tilts and the card's TorchSharp outputs.</summary>
    private static double OnnxDifference(byte[] onnx, ModelCard card, string source)
    {
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(onnx, source: source);
        return OnnxParity.MaxDifference(scorer, card.InputExample);
    }

    /// <summary>
    /// The version the promotion alias points at, or null when there is none yet or it was registered from this very record
    /// (a re-run of the run that made the champion compares nothing with itself, so its verdict, and its registration, stay
    /// the same).
    /// </summary>
    private static async Task<ModelVersion?> ChampionAsync(PipelineContext context, DatasetManifest results, CancellationToken cancellationToken)
    {
        string model = context.ModelName;
        if (await context.Registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        ModelAlias? alias = (await context.Registry.GetAliasesAsync(model, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(a => string.Equals(a.Alias, context.Config.Registry.Alias, StringComparison.Ordinal));
        ModelVersion? champion = alias is null ? null : await context.Registry.GetVersionAsync(model, alias.Version, cancellationToken).ConfigureAwait(false);
        return champion?.Artifact("results.json") is { } record && string.Equals(record.Sha256, results.ContentSha256, StringComparison.OrdinalIgnoreCase) ? null : champion;
    }

    private static List<string> Notes(GatesDocument document) =>
    [
        document.Verdict.Summary,
        .. document.Verdict.Gates.Where(g => !g.Passed).Select(g => $"{g.Name}: {g.Reason}"),
        .. document.Lockbox is { } lockbox ? [lockbox.Opened ? string.Create(CultureInfo.InvariantCulture, $"lockbox: Sharpe {lockbox.Sharpe:0.000} on {lockbox.Periods} held-out months; {lockbox.Reason}") : $"lockbox: {lockbox.Reason}"] : Array.Empty<string>(),
        .. document.Comparisons.Where(c => c.Kind == RecordComparison.Ablation).Select(c => string.Create(CultureInfo.InvariantCulture,
            $"ablation {c.Name}: the full model's Sharpe minus the ablation's is {c.Test.Difference:+0.000;-0.000} ({c.Test.Confidence:P0} CI {c.Test.Lower:+0.000;-0.000} .. {c.Test.Upper:+0.000;-0.000}, two-sided p = {c.Test.PValueTwoSided:0.###})")),
    ];

    /// <summary>The gate with a non-finite value recorded as null (unmeasurable), as the registry requires.</summary>
    private static GateResult Finite(GateResult gate) => gate.Value is { } v && !double.IsFinite(v) ? gate with { Value = null } : gate;
}
