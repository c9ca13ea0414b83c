using System.Collections.Frozen;
using MacroLab.Data.Stages;
using MacroLab.Hosting.Steps;

namespace MacroLab.Hosting.Pipeline;

/// <summary>
/// Runs the stages of <see cref="StageGraph"/> in order, in this process, each reading its inputs from the lake. A stage
/// that fails stops the run and leaves the lake as it was before that stage (every stage commits all-or-nothing); the
/// stages before it keep their outputs, so a re-run resumes where it stopped.
/// </summary>
public sealed class PipelineRunner
{
    private static readonly FrozenDictionary<string, IPipelineStep> Steps = new IPipelineStep[]
    {
        new IngestStep(), new FeaturesStep(), new SignalsStep(), new MonitorStep(), new BacktestStep(), new TrainStep(), new GatesStep(), new RegisterStep(), new PromoteStep(), new DriftStep(), new DecideStep(), new TrackStep(), new ReportStep(),
    }.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    private readonly PipelineContext _context;

    /// <summary>A runner for <paramref name="context"/>.</summary>
    public PipelineRunner(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Runs one stage (a host that shows live progress per stage drives the loop itself).</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the stage left the lake as it was.</exception>
    public Task<StepOutcome> RunStageAsync(StageDefinition stage, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stage);
        cancellationToken.ThrowIfCancellationRequested();
        return Steps[stage.Name].RunAsync(_context, progress, cancellationToken);
    }

    /// <summary>Runs the stages from <paramref name="from"/> to <paramref name="until"/> (null: all).</summary>
    /// <param name="from">The first stage, or null.</param>
    /// <param name="until">The last stage, or null.</param>
    /// <param name="progress">Receives every stage's progress.</param>
    /// <param name="cancellationToken">Stops the run between and inside stages.</param>
    /// <exception cref="ArgumentException">A stage name is unknown, or they are in the wrong order.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the running stage left the lake as it was.</exception>
    public async Task<PipelineResult> RunAsync(string? from = null, string? until = null, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<StepOutcome>();
        foreach (StageDefinition stage in StageGraph.Between(from, until))
        {
            outcomes.Add(await RunStageAsync(stage, progress, cancellationToken).ConfigureAwait(false));
        }

        return PipelineResult.Of(outcomes);
    }
}
