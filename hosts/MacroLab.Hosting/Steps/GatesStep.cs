using System.Diagnostics;
using System.Globalization;
using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Reporting;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;
using MacroLab.Data.Features;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Reporting;
using MacroLab.Scoring;
using MacroLab.Registry;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// The promotion decision: the backtest's gates on the selected trial's out-of-sample record, plus checks of the model
/// that would be served: ONNX Runtime must reproduce TorchSharp's tilts on the card's input example, and (when configured)
/// the share of pseudo-real-time data must stay under its limit.
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
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
        {
            ["gates"] = context.Config.Gates.ToString(),
            ["validation"] = context.Config.Validation.ToString(),
        }, [StepLake.Input(results), StepLake.Input(onnx), StepLake.Input(card), StepLake.Input(features)]);
        string output = RunLayout.Gates(name);
        return await StepRun.RunAsync(context, Name, started, [output], recipe,
            async (current, token) =>
            {
                GatesDocument document = HostingJsonContext.Read(await context.Lake.ReadContentAsync(current[0], token).ConfigureAwait(false), HostingJsonContext.Default.GatesDocument, current[0].DataKey);
                return new StepReport(Notes(document), document);
            },
            async (transaction, token) =>
            {
                BacktestDocument backtest = BacktestDocuments.ReadResult(await context.Lake.ReadContentAsync(results, token).ConfigureAwait(false), results.DataKey);
                ModelCard model = ModelCardJson.Deserialize(await context.Lake.ReadContentAsync(card, token).ConfigureAwait(false), card.DataKey);
                byte[] onnxBytes = await context.Lake.ReadContentAsync(onnx, token).ConfigureAwait(false);
                var checks = new List<GateCheck>();
                foreach (GateResult gate in backtest.Gates?.Gates ?? [])
                {
                    checks.Add(new GateCheck(gate.Name, Finite(gate.Value), gate.Threshold, gate.Passed, gate.Reason));
                }

                double difference = OnnxDifference(onnxBytes, model, onnx.DataKey);
                double tolerance = context.Config.Validation.OnnxTolerance;
                checks.Add(new GateCheck("onnx_parity", difference, tolerance, difference <= tolerance, string.Create(CultureInfo.InvariantCulture,
                    $"ONNX Runtime reproduces TorchSharp's tilts on the card's {model.InputExample.Inputs.Count} example rows to {difference:0.###e+0} (tolerance {tolerance:0.###e+0})")));
                // The model's own inputs (signal columns are computed from Gold features and carry no coverage of their own), over the
                // years its out-of-sample record spans.
                IReadOnlyList<FeatureCoverageRecord> coverage = await context.Lake.ReadCoverageAsync(features.Dataset, token).ConfigureAwait(false);
                var inputs = new HashSet<string>(model.FeatureNames, StringComparer.Ordinal);
                RealTimeCoverage real = RealTimeCoverage.Of(coverage, inputs, backtest.Metrics.Start.Year, backtest.Metrics.End.Year);
                double share = real.PseudoRealTimeShare;
                if (context.Config.Validation.MaxPseudoRealTimeShare is { } limit)
                {
                    checks.Add(new GateCheck("max_pseudo_real_time_share", share, limit, share <= limit, string.Create(CultureInfo.InvariantCulture,
                        $"{share:P1} of the model's known input cells in {backtest.Metrics.Start.Year}-{backtest.Metrics.End.Year} rest on first-vintage backfill (limit {limit:P1}); {real.RealTimeShare:P1} on real-time vintages")));
                }

                string[] failed = [.. checks.Where(c => !c.Passed).Select(c => c.Name)];
                string summary = failed.Length == 0
                    ? $"promote: all {checks.Count} gates passed"
                    : $"reject: {failed.Length} of {checks.Count} gates failed ({string.Join(", ", failed)})";
                var document = new GatesDocument(new GateVerdict(failed.Length == 0, summary, checks), backtest.Strategy, backtest.Parameters, difference, share);
                transaction.AddFile(output, "gates.json", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document, HostingJsonContext.Default.GatesDocument), "application/json", recipe,
                    new Dictionary<string, string> { ["passed"] = failed.Length == 0 ? "true" : "false", ["summary"] = summary });
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

    private static List<string> Notes(GatesDocument document) =>
        [document.Verdict.Summary, .. document.Verdict.Gates.Where(g => !g.Passed).Select(g => $"{g.Name}: {g.Reason}")];

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
