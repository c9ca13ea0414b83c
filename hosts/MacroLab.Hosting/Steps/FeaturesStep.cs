using System.Diagnostics;
using System.Globalization;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Steps;

/// <summary>The feature stage: Silver to point-in-time Gold.</summary>
internal sealed class FeaturesStep : IPipelineStep
{
    public string Name => StageGraph.Features;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        FeatureStageResult result = await new FeatureStage(context.Lake).RunAsync(PipelineOptions.Features(context.Config, context.Force), progress, cancellationToken).ConfigureAwait(false);
        if (result.Note is { } note)
        {
            throw new InvalidOperationException($"The feature stage built no labels, which the models need: {note}. Ingest the asset sources (Fama-French factors and H.15 yields).");
        }

        // The same features on revised data (every value at its latest revision), for measuring what revisions cost.
        // Same decision dates as the real-time set (its labels are shared).
        FeatureStageResult revised = await new FeatureStage(context.Lake).RunAsync(PipelineOptions.RevisedFeatures(context.Config, context.Force), progress, cancellationToken).ConfigureAwait(false);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{result.Columns} features x {result.DecisionDates} month ends ({result.FirstDate} .. {result.LastDate}); pseudo-real-time share of known cells {result.Coverage.PseudoRealTimeShare:P1}");
        bool written = result.Status == DatasetStatus.Written || revised.Status == DatasetStatus.Written;
        return new StepOutcome(Name, written ? StepStatus.Written : StepStatus.Unchanged, [.. result.Datasets, .. revised.Datasets], [line], Stopwatch.GetElapsedTime(started))
        {
            Detail = result,
        };
    }
}
