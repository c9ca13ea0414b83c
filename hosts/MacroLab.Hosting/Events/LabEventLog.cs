using System.Globalization;
using System.Text.Json;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Documents;

namespace MacroLab.Hosting.Events;

/// <summary>
/// The lab's event log in the lake: one object per event at <c>events/&lt;type&gt;/&lt;model&gt;/&lt;id&gt;.json</c>, written
/// create-new, so that an event is recorded once whoever publishes it and however often (a duplicate is refused by the
/// store, atomically, and reported, never written twice). In the cloud the log is the outbox: the lake bucket sends every
/// new object to EventBridge, and the stack's rules select events by their key's prefix (type and model), so an event is
/// published exactly when it is recorded.
/// </summary>
public sealed class LabEventLog
{
    /// <summary>The log's folder in the lake's store.</summary>
    public const string Prefix = "events/";

    private readonly IObjectStore _store;

    /// <summary>The log of <paramref name="store"/>.</summary>
    public LabEventLog(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The key of an event.</summary>
    public static string Key(LabEvent labEvent)
    {
        ArgumentNullException.ThrowIfNull(labEvent);
        return $"{Prefix}{labEvent.Type}/{labEvent.Model}/{labEvent.Id}.json";
    }

    /// <summary>Records <paramref name="labEvent"/>; false when an event with its id is already recorded (a duplicate: nothing is written).</summary>
    /// <exception cref="ArgumentException">The type is not one of <see cref="LabEventTypes.All"/>, or the id or model is not a plain name.</exception>
    public async Task<bool> PublishAsync(LabEvent labEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labEvent);
        if (!LabEventTypes.All.Contains(labEvent.Type, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Event '{labEvent.Id}': type '{labEvent.Type}' is not one of {string.Join(", ", LabEventTypes.All)}.", nameof(labEvent));
        }

        foreach ((string field, string value) in (ReadOnlySpan<(string, string)>)[("id", labEvent.Id), ("model", labEvent.Model)])
        {
            if (value.Length == 0 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                throw new ArgumentException($"Event '{labEvent.Id}': {field} '{value}' must be letters, digits, '-', '_' or '.'.", nameof(labEvent));
            }
        }

        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(labEvent, HostingJsonContext.Default.LabEvent), writable: false);
        try
        {
            await _store.PutAsync(Key(labEvent), content, ObjectWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>The recorded events of <paramref name="type"/> (every type when null), oldest first.</summary>
    public async Task<IReadOnlyList<LabEvent>> ReadAsync(string? type = null, CancellationToken cancellationToken = default)
    {
        var events = new List<LabEvent>();
        await foreach (ObjectInfo info in _store.ListAsync(type is null ? Prefix : $"{Prefix}{type}/", cancellationToken).ConfigureAwait(false))
        {
            if (!info.Key.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            Stream stream = await _store.OpenReadAsync(info.Key, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    events.Add(await JsonSerializer.DeserializeAsync(stream, HostingJsonContext.Default.LabEvent, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidDataException($"{info.Key}: the event is empty (null)."));
                }
                catch (JsonException error)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{info.Key}: {error.Path ?? "$"}: {error.Message}"), error);
                }
            }
        }

        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }
}
