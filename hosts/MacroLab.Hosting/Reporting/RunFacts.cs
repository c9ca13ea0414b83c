using MacroLab.Backtest;
using MacroLab.Backtest.Reporting;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Scoring;
using MacroLab.Registry;

namespace MacroLab.Hosting.Reporting;

/// <summary>Everything the run report and summary show: the contents of the run's <see cref="RunInputs"/>.</summary>
internal sealed record RunFacts
{
    public required PipelineConfig Config { get; init; }

    public required string ConfigSha256 { get; init; }

    public required BuildInfo Build { get; init; }

    public required BacktestRecord Results { get; init; }

    public required IReadOnlyList<(BenchmarkConfig Config, BacktestRecord Results)> Benchmarks { get; init; }

    public required GatesDocument Gates { get; init; }

    public required ModelCard Card { get; init; }

    public required string OnnxSha256 { get; init; }

    public RegistrationDocument? Registration { get; init; }

    public int? AliasVersion { get; init; }

    public required IReadOnlyList<(string Treatment, TimeSeriesTable Signals)> Signals { get; init; }

    public required TimeSeriesTable Features { get; init; }

    public required IReadOnlyList<FeatureCoverageRecord> Coverage { get; init; }

    public BacktestRecord? Revised { get; init; }

    public TimeSeriesTable? Reference { get; init; }

    public Decisions.TrackRecordDocument? Track { get; init; }

    public byte[]? Onnx { get; init; }

    public required BacktestDataset Data { get; init; }

    public required IReadOnlyList<LineageDataset> Lineage { get; init; }

    /// <summary>Reads the contents of <paramref name="inputs"/> (and the Gold dataset the models read).</summary>
    public static async Task<RunFacts> LoadAsync(PipelineContext context, RunInputs inputs, CancellationToken cancellationToken)
    {
        Lake lake = context.Lake;
        async Task<byte[]> Read(DatasetManifest manifest) => await lake.ReadContentAsync(manifest, cancellationToken).ConfigureAwait(false);

        var benchmarks = new List<(BenchmarkConfig, BacktestRecord)>();
        foreach ((BenchmarkConfig benchmark, DatasetManifest manifest) in inputs.Benchmarks)
        {
            benchmarks.Add((benchmark, BacktestJson.Deserialize(await Read(manifest).ConfigureAwait(false), manifest.DataKey)));
        }

        var signals = new List<(string, TimeSeriesTable)>();
        foreach ((string treatment, DatasetManifest manifest) in inputs.Signals)
        {
            signals.Add((treatment, await lake.ReadTableAsync(manifest.Dataset, cancellationToken).ConfigureAwait(false)));
        }

        GoldDataset gold = await GoldDataset.LoadAsync(lake, PipelineOptions.Gold(context.Config), cancellationToken).ConfigureAwait(false);
        DatasetManifest[] roots = [inputs.Onnx, inputs.Card, inputs.Gates, inputs.Results];
        return new RunFacts
        {
            Config = context.Config,
            ConfigSha256 = context.ConfigSha256,
            Build = context.Build,
            Results = BacktestJson.Deserialize(await Read(inputs.Results).ConfigureAwait(false), inputs.Results.DataKey),
            Benchmarks = benchmarks,
            Gates = HostingJsonContext.Read(await Read(inputs.Gates).ConfigureAwait(false), HostingJsonContext.Default.GatesDocument, inputs.Gates.DataKey),
            Card = ModelCardJson.Deserialize(await Read(inputs.Card).ConfigureAwait(false), inputs.Card.DataKey),
            OnnxSha256 = inputs.Onnx.ContentSha256,
            Onnx = await Read(inputs.Onnx).ConfigureAwait(false),
            Registration = inputs.Registration,
            AliasVersion = inputs.AliasVersion,
            Signals = signals,
            Features = await lake.ReadTableAsync(inputs.Features.Dataset, cancellationToken).ConfigureAwait(false),
            Coverage = await lake.ReadCoverageAsync(inputs.Coverage.Dataset, cancellationToken).ConfigureAwait(false),
            Revised = inputs.RevisedResults is { } revised ? BacktestJson.Deserialize(await Read(revised).ConfigureAwait(false), revised.DataKey) : null,
            Track = inputs.Track is { } track ? HostingJsonContext.Read(await Read(track).ConfigureAwait(false), HostingJsonContext.Default.TrackRecordDocument, track.DataKey) : null,
            Reference = inputs.Reference is { } reference ? await lake.ReadTableAsync(reference.Dataset, cancellationToken).ConfigureAwait(false) : null,
            Data = BacktestDataset.FromGold(gold),
            Lineage = await Steps.Lineage.ClosureAsync(lake, roots, cancellationToken).ConfigureAwait(false),
        };
    }
}
