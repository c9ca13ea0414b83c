using System.Text.Json;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;

namespace MacroLab.Hosting.Pipeline;

/// <summary>
/// A stage's business outcome as data, for orchestrators (<c>macrolab run --outcome-record</c>): written to
/// <c>runs/outcomes/&lt;actor&gt;/&lt;stage&gt;.json</c> of the lake's store, so that a state machine reads the gates' verdict
/// from the record and the process's exit code means only failure.
/// </summary>
/// <param name="Stage">The stage.</param>
/// <param name="Status">written, unchanged or declined.</param>
/// <param name="Verdict">For the gates stage: passed or rejected; null otherwise.</param>
/// <param name="Notes">The stage's notes.</param>
public sealed record StageOutcomeRecord(string Stage, string Status, string? Verdict, IReadOnlyList<string> Notes)
{
    /// <summary>The gates passed.</summary>
    public const string Passed = "passed";

    /// <summary>The gates rejected the model.</summary>
    public const string Rejected = "rejected";

    /// <summary>The store key of a run's stage outcome.</summary>
    /// <param name="actor">The run's actor (the execution's name in the cloud).</param>
    /// <param name="stage">The stage.</param>
    public static string Key(string actor, string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        return $"runs/outcomes/{actor}/{stage}.json";
    }

    /// <summary>The record of <paramref name="outcome"/>.</summary>
    public static StageOutcomeRecord Of(StepOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        string? verdict = outcome.Detail is GatesDocument gates ? (gates.Verdict.Passed ? Passed : Rejected) : null;
        return new StageOutcomeRecord(outcome.Stage, outcome.Status.ToString().ToLowerInvariant(), verdict, outcome.Notes);
    }

    /// <summary>Writes the record to <see cref="Key"/> of <paramref name="store"/> (overwriting a retried stage's).</summary>
    public async Task WriteAsync(IObjectStore store, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(this, HostingJsonContext.Default.StageOutcomeRecord), writable: false);
        await store.PutAsync(Key(actor, Stage), content, ObjectWriteMode.Overwrite, cancellationToken).ConfigureAwait(false);
    }
}
