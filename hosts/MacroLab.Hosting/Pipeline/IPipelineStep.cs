using MacroLab.Data.Stages;

namespace MacroLab.Hosting.Pipeline;

/// <summary>One stage's work: read its inputs from the lake, skip when they are unchanged, else compute and commit.</summary>
internal interface IPipelineStep
{
    /// <summary>The stage it implements.</summary>
    string Name { get; }

    /// <summary>Runs the stage.</summary>
    Task<StepOutcome> RunAsync(PipelineContext context, IProgress<StageProgress>? progress, CancellationToken cancellationToken);
}
