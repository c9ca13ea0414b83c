using System.Globalization;

namespace MacroLab.Data.Sources;

/// <summary>
/// A vintage of the Philadelphia Fed's Real-Time Data Set for Macroeconomists, read from its column label:
/// <c>&lt;VAR&gt;&lt;yy&gt;M&lt;m&gt;</c> for monthly vintages (<c>PCPI98M11</c>) and <c>&lt;VAR&gt;&lt;yy&gt;Q&lt;q&gt;</c> for quarterly ones
/// (<c>RUC65Q4</c>). Two-digit years 60..99 are 19xx, 00..59 are 20xx.
/// </summary>
/// <remarks>
/// Availability (the conservative rule MacroLab applies, because the workbooks record no release day): the publisher's
/// convention is that a vintage holds the data as they stood in the middle of the named month (for quarterly vintages, the
/// middle month of the quarter), but its CPI columns hold values released as late as the 26th. A vintage therefore counts
/// as known from the <b>last day of its month</b>, on or after every release it contains; the feature stage tightens this
/// to the BLS release day for the CPI columns where the bundled calendar covers them.
/// </remarks>
/// <param name="Label">The column label as published, e.g. <c>PCPI98M11</c>.</param>
/// <param name="Variable">The variable, e.g. <c>PCPI</c>.</param>
/// <param name="Month">The first day of the vintage month (the middle month of the quarter for quarterly vintages).</param>
/// <param name="IsQuarterly">Whether the vintage is quarterly (<c>Q</c>) rather than monthly (<c>M</c>).</param>
internal readonly record struct RtdsmVintage(string Label, string Variable, DateOnly Month, bool IsQuarterly)
{
    /// <summary>The day the vintage counts as known: the last day of <see cref="Month"/>.</summary>
    public DateOnly Release => Month.AddMonths(1).AddDays(-1);

    /// <summary>Parses a column label; false when it is not an RTDSM vintage label.</summary>
    public static bool TryParse(string label, out RtdsmVintage vintage)
    {
        vintage = default;
        int i = 0;
        while (i < label.Length && char.IsAsciiLetterUpper(label[i]))
        {
            i++;
        }

        // The variable, two year digits, M or Q, then one or two digits.
        if (i == 0 || label.Length < i + 4 || !char.IsAsciiDigit(label[i]) || !char.IsAsciiDigit(label[i + 1]) || label[i + 2] is not ('M' or 'Q'))
        {
            return false;
        }

        // Variables end in upper-case letters, so a label's letters can run into the M or Q only when the year is missing.
        int yy = ((label[i] - '0') * 10) + (label[i + 1] - '0');
        bool quarterly = label[i + 2] == 'Q';
        if (!int.TryParse(label.AsSpan(i + 3), NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            || label.Length - (i + 3) > 2
            || number < 1 || number > (quarterly ? 4 : 12))
        {
            return false;
        }

        int year = yy >= 60 ? 1900 + yy : 2000 + yy;
        int month = quarterly ? (number * 3) - 1 : number;
        vintage = new RtdsmVintage(label, label[..i], new DateOnly(year, month, 1), quarterly);
        return true;
    }
}
