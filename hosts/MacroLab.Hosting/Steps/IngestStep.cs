using System.Diagnostics;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Steps;

/// <summary>The ingest stage: the configured raw files into Bronze and Silver.</summary>
internal sealed class IngestStep : IPipelineStep
{
    public string Name => StageGraph.Ingest;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string folder = context.DataFolder;
        IReadOnlyList<IngestSource> sources = await PipelineOptions.SourcesAsync(context.Config, folder, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<IngestedDataset> ingested = await new IngestStage(context.Lake).RunAsync(sources, context.Force, progress, cancellationToken).ConfigureAwait(false);
        bool written = ingested.Any(d => d.Status == DatasetStatus.Written);
        return new StepOutcome(Name, written ? StepStatus.Written : StepStatus.Unchanged, [.. ingested.SelectMany(d => new[] { d.Source, d.Dataset })],
            [$"{ingested.Count} files from {folder}"], Stopwatch.GetElapsedTime(started))
        {
            Detail = ingested,
        };
    }
}
