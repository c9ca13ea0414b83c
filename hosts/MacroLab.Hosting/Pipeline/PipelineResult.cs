using MacroLab.Hosting.Documents;

namespace MacroLab.Hosting.Pipeline;

/// <summary>What a run did: each stage's outcome, the promotion decision (when the promote stage ran) and the run summary (when the report stage ran).</summary>
/// <param name="Steps">Each stage that ran, in order.</param>
/// <param name="Promotion">The promote stage's decision, or null when it did not run.</param>
/// <param name="Summary">The run summary, or null when the report stage did not run.</param>
public sealed record PipelineResult(IReadOnlyList<StepOutcome> Steps, PromotionDecision? Promotion, RunSummaryDocument? Summary)
{
    /// <summary>Whether the model failed a gate (it is registered, never promoted); known from the promote or report stage, or from the gates stage when it ran last on its own.</summary>
    public bool Rejected => Promotion == PromotionDecision.Rejected || Summary?.Decision == "rejected"
        || (Promotion is null && Summary is null && Steps.Select(s => s.Detail).OfType<GatesDocument>().LastOrDefault() is { Verdict.Passed: false });

    /// <summary>The result of stages that ran, in order.</summary>
    public static PipelineResult Of(IReadOnlyList<StepOutcome> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return new PipelineResult(
            steps, steps.Select(s => s.Detail).OfType<PromotionDecision>().Cast<PromotionDecision?>().LastOrDefault(), steps.Select(s => s.Detail).OfType<RunSummaryDocument>().LastOrDefault());
    }
}
