using System.Diagnostics;
using System.Globalization;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Steps;

/// <summary>The feature stage: Silver to point-in-time Gold.</summary>
internal sealed class FeaturesStep : IPipelineStep
{
    public string Name => StageGraph.Features;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        FeatureStageOptions options = PipelineOptions.Features(context.Config, context.Force);
        options.RequireLabels = true; // the models need labels: an asset without its series fails the stage, writing nothing
        FeatureStageResult result;
        try
        {
            result = await new FeatureStage(context.Lake).RunAsync(options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (MissingAssetSeriesException missing)
        {
            throw MissingReturns(context, missing);
        }

        // The same features on revised data (every value at its latest revision), for measuring what revisions cost.
        // Same decision dates as the real-time set (its labels are shared).
        FeatureStageResult revised = await new FeatureStage(context.Lake).RunAsync(PipelineOptions.RevisedFeatures(context.Config, context.Force), progress, cancellationToken).ConfigureAwait(false);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{result.Columns} features x {result.DecisionDates} {PipelineOptions.DecisionDateWords(context.Config).Many} ({result.FirstDate} .. {result.LastDate}); pseudo-real-time share of known cells {result.Coverage.PseudoRealTimeShare:P1}");
        bool written = result.Status == DatasetStatus.Written || revised.Status == DatasetStatus.Written;
        return new StepOutcome(Name, written ? StepStatus.Written : StepStatus.Unchanged, [.. result.Datasets, .. revised.Datasets], [line], Stopwatch.GetElapsedTime(started))
        {
            Detail = result,
        };
    }

    /// <summary>
    /// The configuration error when an asset's series is in no ingested source: the first such asset, by its field
    /// (<c>universe.assets[i].series</c>), or the default universe's sources.
    /// </summary>
    private static ConfigurationException MissingReturns(PipelineContext context, MissingAssetSeriesException missing)
    {
        if (context.Config.Universe is { } universe)
        {
            for (int i = 0; i < universe.Assets.Count; i++)
            {
                AssetConfig asset = universe.Assets[i];
                foreach (string series in asset.Series.Concat(asset.DepositRate is { } rate ? [rate] : []))
                {
                    if (missing.Series.Contains(series, StringComparer.Ordinal))
                    {
                        return new ConfigurationException("the pipeline configuration", null, $"universe.assets[{i}]",
                            $"the asset '{asset.Name}' ({asset.Kind}) has no returns: its series '{series}' is in no ingested source. Add a source that holds it to data.sources, or correct the series. ({missing.Message})", missing);
                    }
                }
            }
        }

        return new ConfigurationException("the pipeline configuration", null, "data.sources",
            $"{missing.Message} Ingest the asset sources (for us_macro5: the Fama-French factors and H.15 yields).", missing);
    }
}
