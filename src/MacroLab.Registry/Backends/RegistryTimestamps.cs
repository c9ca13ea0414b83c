using System.Globalization;

namespace MacroLab.Registry.Backends;

/// <summary>How both backends store a timestamp: round-trip ISO 8601 in UTC, so records read the same everywhere.</summary>
internal static class RegistryTimestamps
{
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
