namespace MacroLab.Trials;

/// <summary>Settings of <see cref="TrialWorker"/>, bound from <c>MacroLab:Worker</c> (environment <c>MacroLab__Worker__QueueUrl</c>, ...).</summary>
public sealed class TrialWorkerOptions
{
    /// <summary>The trial queue's URL.</summary>
    public string QueueUrl { get; set; } = string.Empty;

    /// <summary>This worker's name in logs and failure records (default: the host name and process id).</summary>
    public string? WorkerId { get; set; }

    /// <summary>How long a received message stays invisible to other workers; renewed while the trial runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one receive call waits for a message (SQS long polling, at most 20 s).</summary>
    public TimeSpan ReceiveWaitTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The pause after an empty receive or an SQS error.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The <c>maxReceiveCount</c> of the queue's redrive policy: a trial that fails on this delivery gets a failure record
    /// (the executor stops waiting for it) and SQS moves the message to the dead-letter queue on the next receive.
    /// </summary>
    public int MaxReceiveCount { get; set; } = 3;

    /// <summary>
    /// After a stop is requested (SIGTERM), how long the trial in progress may still run before it is abandoned and its
    /// message made visible again for another worker; keep it below the pod's termination grace period.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>The delay before a failed trial's message is delivered again; it doubles with every delivery, up to 15 min.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many workloads (experiments) are kept in memory.</summary>
    public int CachedWorkloads { get; set; } = 2;

    /// <summary>Checks the settings, naming the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(QueueUrl))
        {
            throw new ArgumentException("MacroLab:Worker:QueueUrl is required (the trial queue's URL).");
        }

        if (VisibilityTimeout < TimeSpan.FromSeconds(3) || VisibilityTimeout > TimeSpan.FromHours(12))
        {
            throw new ArgumentException($"MacroLab:Worker:VisibilityTimeout must be between 3 s and 12 h (SQS's limit); {VisibilityTimeout} given.");
        }

        if (ReceiveWaitTime < TimeSpan.Zero || ReceiveWaitTime > TimeSpan.FromSeconds(20))
        {
            throw new ArgumentException($"MacroLab:Worker:ReceiveWaitTime must be between 0 and 20 s (SQS's limit); {ReceiveWaitTime} given.");
        }

        if (IdleDelay < TimeSpan.Zero || DrainTimeout < TimeSpan.Zero || RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("MacroLab:Worker:IdleDelay, DrainTimeout and RetryDelay must not be negative.");
        }

        if (MaxReceiveCount is < 1 or > 1000)
        {
            throw new ArgumentException($"MacroLab:Worker:MaxReceiveCount must be between 1 and 1000 (SQS's limit); {MaxReceiveCount} given.");
        }

        if (CachedWorkloads < 1)
        {
            throw new ArgumentException($"MacroLab:Worker:CachedWorkloads must be at least 1; {CachedWorkloads} given.");
        }
    }
}
