using System.Globalization;
using MacroLab.Registry;

namespace MacroLab.Hosting.Events;

/// <summary>The event of an alias move: a promotion (by the pipeline or by hand) or a rollback, named by the alias's revision.</summary>
public static class AliasEvents
{
    /// <summary>The event of <paramref name="change"/>, of type <paramref name="type"/> (<see cref="LabEventTypes.Promotion"/> or <see cref="LabEventTypes.Rollback"/>).</summary>
    public static LabEvent Of(string type, AliasChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new LabEvent(
            string.Create(CultureInfo.InvariantCulture, $"{change.Model}-{change.Alias}-r{change.Revision}"), type, change.Model, change.ToVersion, change.At, change.Actor,
            string.Create(CultureInfo.InvariantCulture, $"{change.Model}@{change.Alias}: {(change.FromVersion is { } v ? $"v{v}" : "nothing")} -> {(change.ToVersion is { } t ? $"v{t}" : "nothing")} ({change.Reason})"),
            new Dictionary<string, string>
            {
                ["alias"] = change.Alias,
                ["from"] = change.FromVersion?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                ["to"] = change.ToVersion?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                ["revision"] = change.Revision.ToString(CultureInfo.InvariantCulture),
            });
    }
}
