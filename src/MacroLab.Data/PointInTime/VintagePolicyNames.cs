namespace MacroLab.Data.PointInTime;

/// <summary>
/// How command lines and configuration files name a <see cref="VintagePolicy"/> a user may choose: <c>backfill</c>
/// (<see cref="VintagePolicy.FirstVintageBackfill"/>, the default) and <c>strict</c>. <see cref="VintagePolicy.LatestRevision"/>
/// has no name: it is look-ahead by construction, and only the pipeline's revision-cost measurement uses it.
/// </summary>
public static class VintagePolicyNames
{
    /// <summary>The name of <see cref="VintagePolicy.FirstVintageBackfill"/>, the default.</summary>
    public const string Backfill = "backfill";

    /// <summary>The name of <see cref="VintagePolicy.Strict"/>.</summary>
    public const string Strict = "strict";

    /// <summary>Every name, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [Backfill, Strict];

    /// <summary>The policy named <paramref name="name"/> (ordinal, case-sensitive).</summary>
    /// <exception cref="ArgumentException">No policy has that name; the message lists the names.</exception>
    public static VintagePolicy Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            Backfill => VintagePolicy.FirstVintageBackfill,
            Strict => VintagePolicy.Strict,
            _ => throw new ArgumentException($"'{name}' is not a vintage policy; the policies are {string.Join(", ", All)}.", nameof(name)),
        };
    }
}
