using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Documents;
using MacroLab.Hosting.Pipeline;
using MacroLab.Registry;

namespace MacroLab.Hosting.Reporting;

/// <summary>
/// The datasets a run's report is made from, as manifests, with the registry entry and where the alias points: all the
/// report's fingerprint needs, resolved without reading the tables, so an unchanged report is recognised before anything
/// large is loaded. The registry entry and the drift reference are optional (a run stopped earlier has none).
/// </summary>
internal sealed record RunInputs
{
    public required DatasetManifest Results { get; init; }

    public required IReadOnlyList<(BenchmarkConfig Config, DatasetManifest Results)> Benchmarks { get; init; }

    public required DatasetManifest Gates { get; init; }

    public required DatasetManifest Card { get; init; }

    public required DatasetManifest Onnx { get; init; }

    public DatasetManifest? RegistrationManifest { get; init; }

    public RegistrationDocument? Registration { get; init; }

    public int? AliasVersion { get; init; }

    public DatasetManifest? Reference { get; init; }

    public required IReadOnlyList<(string Treatment, DatasetManifest Signals)> Signals { get; init; }

    public required DatasetManifest Features { get; init; }

    public required DatasetManifest Coverage { get; init; }

    public DatasetManifest? RevisedResults { get; init; }

    /// <summary>The alias book's live track record, when the book has one.</summary>
    public DatasetManifest? Track { get; init; }

    /// <summary>Every manifest, for the report's recipe.</summary>
    public IReadOnlyList<DatasetManifest> All =>
    [
        Results, .. Benchmarks.Select(b => b.Results), Gates, Card, Onnx,
        .. RegistrationManifest is { } registration ? [registration] : Array.Empty<DatasetManifest>(),
        .. Reference is { } reference ? [reference] : Array.Empty<DatasetManifest>(),
        .. Signals.Select(s => s.Signals), Features, Coverage,
        .. RevisedResults is { } revised ? [revised] : Array.Empty<DatasetManifest>(),
        .. Track is { } track ? [track] : Array.Empty<DatasetManifest>(),
    ];

    /// <summary>Resolves the inputs of the run <paramref name="context"/> describes.</summary>
    /// <exception cref="MissingStageOutputException">A required dataset is missing (the message names the stage that makes it).</exception>
    public static async Task<RunInputs> ResolveAsync(PipelineContext context, CancellationToken cancellationToken)
    {
        string name = context.Config.Name;
        DatasetManifest results = await context.RequireAsync(RunLayout.Results(name), StageGraph.Backtest, cancellationToken).ConfigureAwait(false);
        var benchmarks = new List<(BenchmarkConfig, DatasetManifest)>();
        foreach (BenchmarkConfig benchmark in context.Config.Models.Benchmarks)
        {
            benchmarks.Add((benchmark, await context.RequireAsync(RunLayout.BenchmarkResults(name, benchmark.Strategy), StageGraph.Backtest, cancellationToken).ConfigureAwait(false)));
        }

        DatasetManifest gates = await context.RequireAsync(RunLayout.Gates(name), StageGraph.Gates, cancellationToken).ConfigureAwait(false);
        DatasetManifest card = await context.RequireAsync(RunLayout.ModelCard(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);
        DatasetManifest onnx = await context.RequireAsync(RunLayout.ModelOnnx(name), StageGraph.Train, cancellationToken).ConfigureAwait(false);

        RegistrationDocument? registration = null;
        int? aliasVersion = null;
        DatasetManifest? registrationManifest = await context.Lake.GetManifestAsync(RunLayout.Registration(name), cancellationToken).ConfigureAwait(false);
        if (registrationManifest is not null)
        {
            byte[] json = await context.Lake.ReadContentAsync(registrationManifest, cancellationToken).ConfigureAwait(false);
            registration = HostingJsonContext.Read(json, HostingJsonContext.Default.RegistrationDocument, registrationManifest.DataKey);
            IReadOnlyList<ModelAlias> aliases = await context.Registry.GetAliasesAsync(registration.Model, cancellationToken).ConfigureAwait(false);
            aliasVersion = aliases.FirstOrDefault(a => a.Alias == context.Config.Registry.Alias)?.Version;
        }

        var signals = new List<(string, DatasetManifest)>();
        foreach (TreatmentConfig treatment in context.Config.Treatments)
        {
            signals.Add((treatment.Name, await context.RequireAsync(PipelineOptions.SignalDataset(context.Config, treatment), StageGraph.Signals, cancellationToken).ConfigureAwait(false)));
        }

        return new RunInputs
        {
            Results = results,
            Benchmarks = benchmarks,
            Gates = gates,
            Card = card,
            Onnx = onnx,
            RegistrationManifest = registrationManifest,
            Registration = registration,
            AliasVersion = aliasVersion,
            Reference = await context.Lake.GetManifestAsync(RunLayout.DriftReference(name), cancellationToken).ConfigureAwait(false),
            Signals = signals,
            Features = await context.RequireAsync(PipelineOptions.FeatureDatasets(context.Config).Features, StageGraph.Features, cancellationToken).ConfigureAwait(false),
            Coverage = await context.RequireAsync(PipelineOptions.FeatureDatasets(context.Config).Coverage, StageGraph.Features, cancellationToken).ConfigureAwait(false),
            RevisedResults = await context.Lake.GetManifestAsync(RunLayout.RevisedResults(name), cancellationToken).ConfigureAwait(false),
            Track = await context.Lake.GetManifestAsync(Steps.TrackStep.Dataset(context.ModelName, context.Config.Registry.Alias), cancellationToken).ConfigureAwait(false),
        };
    }
}
