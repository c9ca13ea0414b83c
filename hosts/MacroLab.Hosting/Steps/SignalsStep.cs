using System.Diagnostics;
using System.Globalization;
using MacroLab.Causal.Stages;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Steps;

/// <summary>The signal stage, once per treatment.</summary>
internal sealed class SignalsStep : IPipelineStep
{
    public string Name => StageGraph.Signals;

    public async Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var stage = new SignalStage(context.Lake);
        var results = new List<SignalStageResult>();
        var notes = new List<string>();
        foreach (TreatmentConfig treatment in context.Config.Treatments)
        {
            SignalStageResult result = await stage.RunAsync(PipelineOptions.Signal(context.Config, treatment, context.Force), progress, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{treatment.Name}: surprise of {treatment.Feature} vs {treatment.Expectation}; treated months by arm {string.Join(", ", result.Treated.Select((c, k) => $"{k}: {c}"))}; first signal {result.FirstSignal:yyyy-MM-dd}"));
            results.Add(await stage.RunAsync(PipelineOptions.Signal(context.Config, treatment, context.Force, revised: true), progress, cancellationToken).ConfigureAwait(false));
        }

        bool written = results.Exists(r => r.Status == DatasetStatus.Written);
        return new StepOutcome(Name, written ? StepStatus.Written : StepStatus.Unchanged, [.. results.Select(r => r.Dataset)], notes, Stopwatch.GetElapsedTime(started))
        {
            Detail = results,
        };
    }
}
