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

    /// <summary>
    /// A FRED-MD vintage: <paramref name="label"/> <c>yyyy-MM</c>, released on <paramref name="releasedOn"/> when the day is
    /// known, else on <see cref="FredMdRelease"/>; it holds months up to the one before its own.
    /// </summary>
    public static Vintage FredMd(string label, DateOnly? releasedOn, string source) =>
        Resolve(label, releasedOn, source, FredMdRelease, EndOfPreviousMonth);

    /// <summary>
    /// When a FRED-MD vintage counts as known when its release day is not recorded: the 7th of the month after its own.
    /// </summary>
    /// <remarks>
    /// The St. Louis Fed publishes each monthly vintage around the turn of the month, after the month's CPI and employment
    /// reports; the bundled copies of 2019-10 and 2023-06 were saved on the 5th and the 6th of the following month. The 7th
    /// bounds that from above, so a vintage is never used before it could have been downloaded. (The pre-2015 vintages are
    /// the publisher's later reconstruction of what was known then; they are dated by the same rule.) The values inside were
    /// public earlier; the feature stage dates CPI values by the BLS calendar where it covers them.
    /// </remarks>
    public static DateOnly FredMdRelease(DateOnly month) => month.AddMonths(1).AddDays(6);

    public static DateOnly EndOfMonth(DateOnly month) => month.AddMonths(1).AddDays(-1);

    public static DateOnly EndOfNextMonth(DateOnly month) => month.AddMonths(2).AddDays(-1);

    public static DateOnly EndOfPreviousMonth(DateOnly month) => month.AddDays(-1);
}
