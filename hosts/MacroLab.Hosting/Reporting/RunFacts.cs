using MacroLab.Backtest;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Stages;
using MacroLab.Data;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Hosting.Steps;
using MacroLab.Models.Cards;
using MacroLab.Registry;

namespace MacroLab.Hosting.Reporting;

/// <summary>Everything the run report and summary show, read from the lake (and the alias from the registry).</summary>
internal sealed record RunFacts
{
    public required PipelineConfig Config { get; init; }

    public required string ConfigSha256 { get; init; }

    public required BuildInfo Build { get; init; }

    public required BacktestDocument Results { get; init; }

    public required IReadOnlyList<(BenchmarkConfig Config, BacktestDocument Results)> Benchmarks { get; init; }

    public required GatesDocument Gates { get; init; }

    public required ModelCard Card { get; init; }

    public required string OnnxSha256 { get; init; }

    public RegistrationDocument? Registration { get; init; }

    public int? AliasVersion { get; init; }

    public required IReadOnlyList<(string Treatment, TimeSeriesTable Signals)> Signals { get; init; }

    public required TimeSeriesTable Features { get; init; }

    public TimeSeriesTable? Reference { get; init; }

    public byte[]? Onnx { get; init; }

    public required BacktestDataset Data { get; init; }

    public required IReadOnlyList<LineageDataset> Lineage { get; init; }

    /// <summary>The manifests the report is made from, for its recipe.</summary>
    public required IReadOnlyList<DatasetManifest> Inputs { get; init; }

    /// <summary>Reads the facts of the run <paramref name="context"/> describes; the registry entry and the drift reference are optional (a run stopped earlier has none).</summary>
    public static async Task<RunFacts> LoadAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        string name = context.Config.Name;
        var inputs = new List<DatasetManifest>();
        async Task<(DatasetManifest Manifest, byte[] Content)> Read(string dataset, string stage)
        {
            (DatasetManifest manifest, byte[] content) = await StepLake.ReadAsync(context, dataset, stage, cancellationToken).ConfigureAwait(false);
            inputs.Add(manifest);
            return (manifest, content);
        }

        (DatasetManifest resultsManifest, byte[] resultsJson) = await Read(RunLayout.Results(name), StageGraph.Backtest).ConfigureAwait(false);
        var benchmarks = new List<(BenchmarkConfig, BacktestDocument)>();
        foreach (BenchmarkConfig benchmark in context.Config.Models.Benchmarks)
        {
            (DatasetManifest manifest, byte[] json) = await Read(RunLayout.BenchmarkResults(name, benchmark.Strategy), StageGraph.Backtest).ConfigureAwait(false);
            benchmarks.Add((benchmark, BacktestDocuments.ReadResult(json, manifest.DataKey)));
        }

        (DatasetManifest gatesManifest, byte[] gatesJson) = await Read(RunLayout.Gates(name), StageGraph.Gates).ConfigureAwait(false);
        (DatasetManifest cardManifest, byte[] cardJson) = await Read(RunLayout.ModelCard(name), StageGraph.Train).ConfigureAwait(false);
        (DatasetManifest onnxManifest, byte[] onnx) = await Read(RunLayout.ModelOnnx(name), StageGraph.Train).ConfigureAwait(false);

        RegistrationDocument? registration = null;
        int? aliasVersion = null;
        if (await context.Lake.GetManifestAsync(RunLayout.Registration(name), cancellationToken).ConfigureAwait(false) is not null)
        {
            (DatasetManifest manifest, byte[] json) = await Read(RunLayout.Registration(name), StageGraph.Register).ConfigureAwait(false);
            registration = HostingJsonContext.Read(json, HostingJsonContext.Default.RegistrationDocument, manifest.DataKey);
            IReadOnlyList<ModelAlias> aliases = await context.Registry.GetAliasesAsync(registration.Model, cancellationToken).ConfigureAwait(false);
            aliasVersion = aliases.FirstOrDefault(a => a.Alias == context.Config.Registry.Alias)?.Version;
        }

        TimeSeriesTable? reference = null;
        if (await context.Lake.GetManifestAsync(RunLayout.DriftReference(name), cancellationToken).ConfigureAwait(false) is { } referenceManifest)
        {
            inputs.Add(referenceManifest);
            reference = await context.Lake.ReadTableAsync(referenceManifest.Dataset, cancellationToken).ConfigureAwait(false);
        }

        var signals = new List<(string, TimeSeriesTable)>();
        foreach (TreatmentConfig treatment in context.Config.Treatments)
        {
            DatasetManifest manifest = await context.RequireAsync(LakeLayout.GoldSignals(treatment.Name), StageGraph.Signals, cancellationToken).ConfigureAwait(false);
            inputs.Add(manifest);
            signals.Add((treatment.Name, await context.Lake.ReadTableAsync(manifest.Dataset, cancellationToken).ConfigureAwait(false)));
        }

        DatasetManifest featuresManifest = await context.RequireAsync(LakeLayout.GoldFeatures(context.Config.Features.Name), StageGraph.Features, cancellationToken).ConfigureAwait(false);
        inputs.Add(featuresManifest);
        TimeSeriesTable features = await context.Lake.ReadTableAsync(featuresManifest.Dataset, cancellationToken).ConfigureAwait(false);
        GoldDataset gold = await GoldDataset.LoadAsync(context.Lake, PipelineOptions.Gold(context.Config), cancellationToken).ConfigureAwait(false);
        DatasetManifest[] roots = [onnxManifest, cardManifest, gatesManifest, resultsManifest];
        return new RunFacts
        {
            Config = context.Config,
            ConfigSha256 = context.ConfigSha256,
            Build = context.Build,
            Results = BacktestDocuments.ReadResult(resultsJson, resultsManifest.DataKey),
            Benchmarks = benchmarks,
            Gates = HostingJsonContext.Read(gatesJson, HostingJsonContext.Default.GatesDocument, gatesManifest.DataKey),
            Card = ModelCardJson.Deserialize(cardJson, cardManifest.DataKey),
            OnnxSha256 = onnxManifest.ContentSha256,
            Onnx = onnx,
            Registration = registration,
            AliasVersion = aliasVersion,
            Signals = signals,
            Features = features,
            Reference = reference,
            Data = gold.Data,
            Lineage = await Steps.Lineage.ClosureAsync(context.Lake, roots, cancellationToken).ConfigureAwait(false),
            Inputs = inputs,
        };
    }
}
