using MacroLab.Backtest.Grid;

namespace MacroLab.Trials;

/// <summary>
/// The body of one trial's SQS message: where the workload and the result live, and the trial. The result's key is the
/// trial's content hash (<see cref="TrialSpec.Id"/>) under the experiment, so every delivery of the message names the same result.
/// </summary>
/// <param name="Format">The message format (1).</param>
/// <param name="Prefix">The object-store prefix of distributed trials, e.g. <c>work/trials</c>.</param>
/// <param name="Experiment">The grid's experiment fingerprint.</param>
/// <param name="Trial">The trial to run.</param>
internal sealed record TrialMessage(int Format, string Prefix, string Experiment, TrialSpec Trial)
{
    /// <summary>The format this version writes and reads.</summary>
    public const int CurrentFormat = 1;
}
