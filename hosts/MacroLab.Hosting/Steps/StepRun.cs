using System.Diagnostics;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Pipeline;

namespace MacroLab.Hosting.Steps;

/// <summary>What a pipeline step reports, computed or read back: its notes and the document it made.</summary>
/// <param name="Notes">The lines the console and the summary show.</param>
/// <param name="Detail">The step's document (gates, card, report summary...), for the hosts that render it.</param>
internal sealed record StepReport(IReadOnlyList<string> Notes, object? Detail);

/// <summary>
/// The pipeline steps' one skeleton: <see cref="StageRun"/> over the step's outputs (skip when current unless forced, else
/// compute into one transaction and commit), timed from the step's start into a <see cref="StepOutcome"/>.
/// </summary>
internal static class StepRun
{
    public static async Task<StepOutcome> RunAsync(
        PipelineContext context,
        string step,
        long started,
        IReadOnlyList<string> outputs,
        DatasetRecipe recipe,
        Func<IReadOnlyList<DatasetManifest>, CancellationToken, Task<StepReport>> unchanged,
        Func<LakeTransaction, CancellationToken, Task<StepReport>> compute,
        CancellationToken cancellationToken)
    {
        (StepStatus status, StepReport report) = await StageRun.RunAsync(context.Lake, outputs, recipe, context.Force,
            async (current, token) => (StepStatus.Unchanged, await unchanged(current, token).ConfigureAwait(false)),
            async (transaction, token) => (StepStatus.Written, await compute(transaction, token).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        return new StepOutcome(step, status, outputs, report.Notes, Stopwatch.GetElapsedTime(started)) { Detail = report.Detail };
    }
}
