using System.Globalization;
using MacroLab.Data.Csv;

namespace MacroLab.Data.Sources;

/// <summary>
/// A vintage: the month a snapshot of a source was published, the day it became public, and the last day its periods
/// may end on (later periods would be in the future of the vintage).
/// </summary>
internal readonly record struct Vintage(string Label, DateOnly Month, ReleaseDate Release, DateOnly CoversUntil)
{
    /// <summary>
    /// Reads a <c>yyyy-MM</c> label; the release defaults to <paramref name="defaultRelease"/> of the month, and periods may end
    /// until <paramref name="coversUntil"/> of the month (or the release, when that is earlier).
    /// </summary>
    public static Vintage Resolve(string label, DateOnly? releasedOn, string source, Func<DateOnly, DateOnly> defaultRelease, Func<DateOnly, DateOnly>? coversUntil = null)
    {
        if (!CsvFields.TryParseMonth(label, out DateOnly month))
        {
            throw new DataFormatException(source, 0, null, label, "a vintage is named by its month, yyyy-MM (e.g. 2023-06)");
        }

        DateOnly release = releasedOn ?? defaultRelease(month);
        if (release < month)
        {
            throw new DataFormatException(source, 0, null, release.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"the release date of vintage {label} is before the vintage's month");
        }

        DateOnly limit = coversUntil is null ? release : coversUntil(month);
        return new Vintage(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), month, new ReleaseDate(release), limit < release ? limit : release);
    }

    public static DateOnly EndOfMonth(DateOnly month) => month.AddMonths(1).AddDays(-1);

    public static DateOnly EndOfNextMonth(DateOnly month) => month.AddMonths(2).AddDays(-1);

    public static DateOnly EndOfPreviousMonth(DateOnly month) => month.AddDays(-1);
}
