namespace MacroLab.Trials;

/// <summary>Settings of <see cref="SqsTrialExecutor"/>.</summary>
public sealed class SqsTrialExecutorOptions
{
    /// <summary>The trial queue's URL (its redrive policy sends poison messages to the dead-letter queue).</summary>
    public required string QueueUrl { get; init; }

    /// <summary>The object-store prefix of workloads and results; workers must use the same store and prefix.</summary>
    public string Prefix { get; init; } = "work/trials";

    /// <summary>How often the executor looks for new results.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for the grid before giving up (the messages stay queued); null waits forever.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromHours(12);
}
