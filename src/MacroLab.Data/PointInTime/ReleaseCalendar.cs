using System.Globalization;
using MacroLab.Data.Csv;

namespace MacroLab.Data.PointInTime;

/// <summary>
/// The published release date of each reference period of an indicator, e.g. the BLS CPI schedule: the value for
/// period <c>p</c> became public on <c>calendar[p]</c>. Immutable.
/// </summary>
public sealed class ReleaseCalendar
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly SortedDictionary<ReferencePeriod, ReleaseDate> _releases;

    /// <summary>Creates a calendar from (period, release) pairs.</summary>
    /// <param name="name">A short name, e.g. <c>cpi</c>, recorded in lag-rule descriptions.</param>
    /// <param name="releases">One release per period.</param>
    /// <exception cref="ArgumentException">A period appears twice, or a release is not after the start of its period.</exception>
    public ReleaseCalendar(string name, IEnumerable<KeyValuePair<ReferencePeriod, ReleaseDate>> releases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(releases);
        Name = name;
        _releases = [];
        foreach ((ReferencePeriod period, ReleaseDate release) in releases)
        {
            if (release.Date < period.Start)
            {
                throw new ArgumentException($"Calendar {name}: the release {release} of {period} is before the period starts.", nameof(releases));
            }

            if (!_releases.TryAdd(period, release))
            {
                throw new ArgumentException($"Calendar {name}: the period {period} appears twice.", nameof(releases));
            }
        }
    }

    /// <summary>The calendar's short name.</summary>
    public string Name { get; }

    /// <summary>The number of periods covered.</summary>
    public int Count => _releases.Count;

    /// <summary>The (period, release) pairs in period order.</summary>
    public IEnumerable<KeyValuePair<ReferencePeriod, ReleaseDate>> Releases => _releases;

    /// <summary>The release date of <paramref name="period"/>, when the calendar covers it.</summary>
    public bool TryGetRelease(ReferencePeriod period, out ReleaseDate release) => _releases.TryGetValue(period, out release);

    /// <summary>
    /// Reads a monthly release calendar CSV with columns <c>release_date</c> (ISO <c>yyyy-MM-dd</c>) and
    /// <c>reference_month</c> (<c>December 2014</c> or <c>2014-12</c>); other columns are ignored. This is the layout of
    /// the bundled BLS CPI schedule (<c>samples/data/release_calendars/cpi_dates.csv</c>).
    /// </summary>
    /// <exception cref="DataFormatException">A column is missing, a field does not parse, a month repeats, or a release is not after its month ends.</exception>
    public static ReleaseCalendar ReadMonthlyCsv(string name, string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var reader = new CsvRecordReader(text, sourceName);
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(sourceName, 0, null, null, "the file is empty: expected the header release_date,reference_month");
        }

        CsvFields.RequireCommaSeparated(reader, 2, "release_date,reference_month");
        int releaseColumn = -1, monthColumn = -1;
        for (int i = 0; i < reader.FieldCount; i++)
        {
            string header = reader.FieldString(i).Trim();
            if (header.Equals("release_date", StringComparison.OrdinalIgnoreCase))
            {
                releaseColumn = i;
            }
            else if (header.Equals("reference_month", StringComparison.OrdinalIgnoreCase))
            {
                monthColumn = i;
            }
        }

        if (releaseColumn < 0 || monthColumn < 0)
        {
            throw new DataFormatException(sourceName, reader.Line, releaseColumn < 0 ? "release_date" : "reference_month", null,
                "missing column: expected the header release_date,reference_month");
        }

        int width = reader.FieldCount;
        var releases = new SortedDictionary<ReferencePeriod, ReleaseDate>();
        var lines = new Dictionary<ReferencePeriod, int>();
        while (reader.Read())
        {
            if (reader.IsEmptyLine && reader.AtEnd)
            {
                break;
            }

            CsvFields.RequireFieldCount(reader, width);
            DateOnly release = CsvFields.ParseIsoDate(reader, releaseColumn, "release_date");
            ReferencePeriod month = ParseMonth(reader, monthColumn);
            if (release <= month.EndOf(Frequency.Monthly))
            {
                throw new DataFormatException(sourceName, reader.Line, "release_date", reader.FieldString(releaseColumn),
                    $"a release must come after its reference month ({month.Start:yyyy-MM}) ends");
            }

            if (!lines.TryAdd(month, reader.Line))
            {
                throw new DataFormatException(sourceName, reader.Line, "reference_month", reader.FieldString(monthColumn),
                    $"the month repeats line {lines[month]}");
            }

            releases.Add(month, new ReleaseDate(release));
        }

        return new ReleaseCalendar(name, releases);
    }

    private static ReferencePeriod ParseMonth(CsvRecordReader reader, int column)
    {
        ReadOnlySpan<char> field = reader.Field(column).Trim();
        if (CsvFields.TryParseMonth(field, out DateOnly start))
        {
            return new ReferencePeriod(start);
        }

        int space = field.LastIndexOf(' ');
        if (space > 0 && int.TryParse(field[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year is > 0 and < 10000)
        {
            ReadOnlySpan<char> monthName = field[..space].Trim();
            for (int m = 0; m < MonthNames.Length; m++)
            {
                if (monthName.Equals(MonthNames[m], StringComparison.OrdinalIgnoreCase))
                {
                    return ReferencePeriod.Month(year, m + 1);
                }
            }
        }

        throw new DataFormatException(reader.Source, reader.Line, "reference_month", field.ToString(),
            "expected a month such as 'December 2014' or '2014-12'");
    }
}
