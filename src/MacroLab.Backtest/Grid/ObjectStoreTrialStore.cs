using System.Text.Json;
using MacroLab.Backtest.Reporting;
using MacroLab.Data.Storage;

namespace MacroLab.Backtest.Grid;

/// <summary>
/// Trials as JSON objects <c>&lt;prefix&gt;/&lt;experiment&gt;/&lt;trial id&gt;.json</c> on an <see cref="IObjectStore"/> (a lake
/// folder or S3). Each write is atomic; a stored object whose trial does not match is ignored and recomputed.
/// </summary>
public sealed class ObjectStoreTrialStore : ITrialStore
{
    private readonly IObjectStore _store;
    private readonly string _prefix;

    /// <summary>A store under <paramref name="prefix"/> of <paramref name="store"/>, e.g. <c>gold/backtests/ridge/trials</c>.</summary>
    /// <exception cref="ArgumentException">The prefix is empty.</exception>
    public ObjectStoreTrialStore(IObjectStore store, string prefix)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _store = store;
        _prefix = prefix.TrimEnd('/');
    }

    /// <inheritdoc />
    public async Task<TrialOutcome?> TryLoadAsync(string experiment, TrialSpec trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        string key = Key(experiment, trial);
        if (await _store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        Stream stream = await _store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                TrialOutcome? outcome = await JsonSerializer.DeserializeAsync(stream, BacktestJsonContext.Default.TrialOutcome, cancellationToken).ConfigureAwait(false);
                // A stored outcome without its record (written before nested selection) cannot be stitched: recompute it.
                return outcome is { Record: not null } && string.Equals(outcome.Trial.Id, trial.Id, StringComparison.Ordinal) && outcome.Trial.Index == trial.Index ? outcome : null;
            }
            catch (JsonException)
            {
                return null; // unreadable (e.g. written by another version): recompute
            }
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(string experiment, TrialOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(outcome, BacktestJsonContext.Default.TrialOutcome), writable: false);
        await _store.PutAsync(Key(experiment, outcome.Trial), content, ObjectWriteMode.Overwrite, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a finished trial's outcome only if none is stored yet (S3 <c>If-None-Match: *</c>, a local no-clobber rename):
    /// the first writer wins, so a trial run twice (a redelivered message, a retried worker) keeps exactly one result.
    /// </summary>
    /// <returns>True when this call stored it; false when an outcome was already there (it is left as it was).</returns>
    public async Task<bool> TrySaveNewAsync(string experiment, TrialOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(outcome, BacktestJsonContext.Default.TrialOutcome), writable: false);
        try
        {
            await _store.PutAsync(Key(experiment, outcome.Trial), content, ObjectWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>The key of <paramref name="trial"/>'s outcome in <paramref name="experiment"/>: <c>&lt;prefix&gt;/&lt;experiment&gt;/&lt;trial id&gt;.json</c>.</summary>
    public string KeyOf(string experiment, TrialSpec trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Key(experiment, trial);
    }

    private string Key(string experiment, TrialSpec trial)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        return $"{_prefix}/{experiment}/{trial.Id}.json";
    }
}
