using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Metrics;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring;
using MacroLab.Registry;

namespace MacroLab.Hosting.Steps;

/// <summary>
/// Registers the run's model as a version: metrics, gate verdict, signature, lineage (every lake dataset it rests on, the
/// configuration's digest, the git commit and dirty flag, the seed, package versions), tags and artifacts, then READY. A
/// rejected model is registered too, with its failed gates, so the record is complete; it is only never promoted.
/// Idempotent: the version carries the fingerprint of everything it was made from, so an identical model is found again
/// (and a registration interrupted while PENDING is resumed) instead of registered twice.
/// </summary>
internal sealed class RegisterStep : IPipelineStep
{
    /// <summary>The tag that holds a version's fingerprint.</summary>
    public const string FingerprintTag = "macrolab.fingerprint";

    private const int Version = 1;

    public string Name => StageGraph.Register;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string name = context.Config.Name, model = context.ModelName;
        DatasetManifest gatesManifest = await context.RequireAsync(RunLayout.Gates(name), StageGraph.Gates, cancellationToken).ConfigureAwait(false);
        DatasetManifest resultsManifest = await context.RequireAsync(RunLayout.Results(name), StageGraph.Backtest, cancellationToken).ConfigureAwait(false);
        DatasetManifest reportManifest = await context.RequireAsync(RunLayout.BacktestReport(name), StageGraph.Backtest, cancellationToken).ConfigureAwait(false);
        DatasetManifest onnxManifest = await context.RequireAsync(RunLayout.ModelOnnx(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);
        DatasetManifest weightsManifest = await context.RequireAsync(RunLayout.ModelWeights(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);
        DatasetManifest cardManifest = await context.RequireAsync(RunLayout.ModelCard(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);
        DatasetManifest[] roots = [onnxManifest, weightsManifest, cardManifest, gatesManifest, resultsManifest, reportManifest];
        var recipe = new DatasetRecipe(Name, Version, new Dictionary<string, string>
        {
            ["model"] = model,
            ["config"] = context.ConfigSha256,
        }, [.. roots.Select(StepLake.Input)]);
        string fingerprint = recipe.Fingerprint, output = RunLayout.Registration(name);

        await context.Registry.GetOrCreateModelAsync(model, $"Monthly asset tilts from point-in-time macro features and causal signals (pipeline {name}).", cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ModelVersion> same = await context.Registry.SearchVersionsAsync(model, new VersionQuery
        {
            Tags = new Dictionary<string, string> { [FingerprintTag] = fingerprint },
        }, cancellationToken).ConfigureAwait(false);
        ModelVersion? ready = same.FirstOrDefault(v => v.Status == ModelVersionStatus.Ready);
        if (ready is not null && await context.Lake.IsCurrentAsync([output], fingerprint, cancellationToken).ConfigureAwait(false))
        {
            return Outcome(StepStatus.Unchanged, ready, output, "already registered", started);
        }

        byte[] gatesJson = await context.Lake.ReadContentAsync(gatesManifest, cancellationToken).ConfigureAwait(false);
        GatesDocument gates = HostingJsonContext.Read(gatesJson, HostingJsonContext.Default.GatesDocument, gatesManifest.DataKey);
        ModelVersion version = ready
            ?? same.FirstOrDefault(v => v.Status == ModelVersionStatus.Pending)
            ?? await context.Registry.CreateVersionAsync(model, await NewVersionAsync(context, gates, resultsManifest, cardManifest, roots, fingerprint, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (version.Status == ModelVersionStatus.Pending)
        {
            try
            {
                (string File, DatasetManifest Manifest, string Type)[] artifacts =
                [
                    (ModelArtifacts.OnnxFileName, onnxManifest, "application/onnx"),
                    (ModelArtifacts.WeightsFileName, weightsManifest, "application/octet-stream"),
                    (ModelArtifacts.CardFileName, cardManifest, "application/json"),
                    ("gates.json", gatesManifest, "application/json"),
                    (Decisions.BookModel.ResultsArtifact, resultsManifest, "application/json"),
                    ("backtest-report.html", reportManifest, "text/html"),
                ];
                for (int i = 0; i < artifacts.Length; i++)
                {
                    progress?.Report(new StageProgress(Name, $"uploading {artifacts[i].File}", i, artifacts.Length + 1));
                    using var content = new MemoryStream(await context.Lake.ReadContentAsync(artifacts[i].Manifest, cancellationToken).ConfigureAwait(false), writable: false);
                    await context.Registry.UploadArtifactAsync(model, version.Version, artifacts[i].File, content, artifacts[i].Type, cancellationToken).ConfigureAwait(false);
                }

                version = await context.Registry.FinishVersionAsync(model, version.Version, ModelVersionStatus.Ready, gates.Verdict.Summary, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A version that cannot be completed is marked FAILED with the reason, so it is never mistaken for a usable one.
                await context.Registry.FinishVersionAsync(model, version.Version, ModelVersionStatus.Failed, $"registration failed: {error.Message}", CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        var document = new RegistrationDocument(model, version.Version, context.Registry.Location, fingerprint, gates.Verdict.Passed, version.Artifacts);
        LakeTransaction transaction = context.Lake.BeginTransaction();
        transaction.AddFile(output, "registration.json", JsonSerializer.SerializeToUtf8Bytes(document, HostingJsonContext.Default.RegistrationDocument), "application/json", recipe,
            new Dictionary<string, string> { ["model"] = model, ["version"] = version.Version.ToString(CultureInfo.InvariantCulture) });
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Outcome(StepStatus.Written, version, output, ready is null ? "registered" : "found already registered", started);
    }

    private StepOutcome Outcome(StepStatus status, ModelVersion version, string output, string what, long started) =>
        new(Name, status, [output], [string.Create(CultureInfo.InvariantCulture,
            $"{version.Name}:{version.Version} {what} ({version.Status.ToString().ToUpperInvariant()}, {version.Artifacts.Count} artifacts; {version.StatusMessage})")], Stopwatch.GetElapsedTime(started))
        {
            Detail = version,
        };

    private static async Task<NewModelVersion> NewVersionAsync(
        PipelineContext context, GatesDocument gates, DatasetManifest resultsManifest, DatasetManifest cardManifest, DatasetManifest[] roots, string fingerprint,
        CancellationToken cancellationToken)
    {
        BacktestRecord results = BacktestJson.Deserialize(await context.Lake.ReadContentAsync(resultsManifest, cancellationToken).ConfigureAwait(false), resultsManifest.DataKey);
        ModelCard card = ModelCardJson.Deserialize(await context.Lake.ReadContentAsync(cardManifest, cancellationToken).ConfigureAwait(false), cardManifest.DataKey);
        PerformanceMetrics m = results.Metrics;
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        void Add(string metric, double? value)
        {
            if (value is { } v && double.IsFinite(v))
            {
                metrics[metric] = v;
            }
        }

        Add("sharpe", m.Sharpe);
        Add("annual_return", m.AnnualReturn);
        Add("annual_volatility", m.AnnualVolatility);
        Add("max_drawdown", m.MaxDrawdown.Depth);
        Add("sortino", m.Sortino);
        Add("calmar", m.Calmar);
        Add("psr", m.Psr);
        Add("dsr", m.Dsr);
        Add("hit_rate", m.HitRate);
        Add("periods", m.Periods);
        Add("trials", m.Trials);
        Add("annual_turnover", results.Trading.AnnualTurnover);
        Add("annual_cost", results.Trading.AnnualCost);
        Add("validation_loss", card.Metrics.ValidationLoss);
        Add("trivial_validation_loss", card.Metrics.TrivialValidationLoss);
        Add("onnx_max_difference", gates.OnnxMaxDifference);
        Add("pseudo_real_time_share", gates.PseudoRealTimeShare);

        long[] input = card.Lookback == 1 ? [-1, card.FeatureNames.Count] : [-1, card.Lookback, card.FeatureNames.Count];
        string parameters = string.Join(", ", results.Parameters.Select(p => $"{p.Key}={p.Value}"));
        return new NewModelVersion
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"{results.Strategy} ({parameters}), selected from {m.Trials ?? 1} walk-forward trials; out of sample {m.Start:yyyy-MM} .. {m.End:yyyy-MM}: Sharpe {m.Sharpe:0.000}, DSR {m.Dsr:0.000}"),
            Metrics = metrics,
            Gates = gates.Verdict,
            Signature = new ModelSignature(
                [new TensorSpec(OnnxMetadata.InputName, "FP32", input)], [new TensorSpec(OnnxMetadata.OutputName, "FP32", [-1, card.Assets.Count])],
                card.FeatureNames, card.Assets),
            Lineage = new ModelLineage
            {
                Datasets = await Lineage.ClosureAsync(context.Lake, roots, cancellationToken).ConfigureAwait(false),
                Lake = context.Lake.Store.Location,
                ConfigSha256 = context.ConfigSha256,
                GitCommit = context.Build.GitCommit,
                GitDirty = context.Build.GitDirty,
                Seed = context.Config.Seed,
                Packages = context.Build.Packages,
            },
            Tags = new Dictionary<string, string>
            {
                [FingerprintTag] = fingerprint,
                ["macrolab.pipeline"] = context.Config.Name,
                ["macrolab.strategy"] = results.Strategy,
                ["macrolab.verdict"] = gates.Verdict.Passed ? "passed" : "rejected",
            },
            CreatedBy = context.Actor,
        };
    }
}
