namespace MacroLab.Scoring;

/// <summary>How an <see cref="OnnxTiltScorer"/> runs.</summary>
public sealed record OnnxScorerOptions
{
    /// <summary>
    /// ONNX Runtime's intra-op threads per call; 1 by default, which is fastest for the small batches of an API (parallelism
    /// comes from concurrent requests). Raise it for large offline batches.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>The most rows ONNX Runtime sees in one run; larger batches are scored in chunks. 1024 by default.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Throws when a field is invalid; the message names it.</summary>
    /// <exception cref="ArgumentException">A field is below 1.</exception>
    public void Validate()
    {
        if (IntraOpThreads < 1)
        {
            throw new ArgumentException($"{nameof(IntraOpThreads)} is {IntraOpThreads}; it must be at least 1.");
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentException($"{nameof(MaxBatchSize)} is {MaxBatchSize}; it must be at least 1.");
        }
    }
}
