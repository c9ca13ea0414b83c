using MacroLab.Data.Csv;

namespace MacroLab.Data.PointInTime;

/// <summary>Builds the ascending, duplicate-free lists of decision dates that point-in-time joins run over.</summary>
public static class DecisionCalendar
{
    /// <summary>The last calendar day of every month from the month of <paramref name="from"/> to that of <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static IReadOnlyList<DecisionDate> MonthEnds(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The calendar ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var dates = new List<DecisionDate>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            dates.Add(new DecisionDate(month.AddMonths(1).AddDays(-1)));
        }

        return dates;
    }

    /// <summary>
    /// The decision dates of <paramref name="frequency"/> from <paramref name="from"/> to <paramref name="to"/>: month ends
    /// (as <see cref="MonthEnds"/>), the Fridays, or the days Monday to Friday in the range.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static IReadOnlyList<DecisionDate> Of(DecisionFrequency frequency, DateOnly from, DateOnly to)
    {
        if (frequency == DecisionFrequency.MonthEnd)
        {
            return MonthEnds(from, to);
        }

        if (to < from)
        {
            throw new ArgumentException($"The calendar ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var dates = new List<DecisionDate>();
        for (DateOnly day = from; day <= to; day = day.AddDays(1))
        {
            if (frequency == DecisionFrequency.WeekEnd ? day.DayOfWeek == DayOfWeek.Friday : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                dates.Add(new DecisionDate(day));
            }
        }

        return dates;
    }

    /// <summary>The decision date of <paramref name="frequency"/> after <paramref name="date"/> (the end of the period a decision at <paramref name="date"/> is held for).</summary>
    public static DateOnly Next(DecisionFrequency frequency, DateOnly date) => frequency switch
    {
        DecisionFrequency.MonthEnd => new DateOnly(date.Year, date.Month, 1).AddMonths(2).AddDays(-1),
        DecisionFrequency.WeekEnd => date.AddDays(DaysToNextFriday(date)),
        _ => date.DayOfWeek switch { DayOfWeek.Friday => date.AddDays(3), DayOfWeek.Saturday => date.AddDays(2), _ => date.AddDays(1) },
    };

    private static int DaysToNextFriday(DateOnly date)
    {
        int days = ((int)DayOfWeek.Friday - (int)date.DayOfWeek + 7) % 7;
        return days == 0 ? 7 : days;
    }

    /// <summary>The suffix of a label's horizon unit: <c>m</c>, <c>w</c> or <c>d</c> (<c>US_EQUITY.fwd1m</c>).</summary>
    public static string LabelUnit(DecisionFrequency frequency) => frequency switch
    {
        DecisionFrequency.WeekEnd => "w",
        DecisionFrequency.BusinessDay => "d",
        _ => "m",
    };

    /// <summary>Decision periods in a year: 12, 52, or 261 business days (Monday to Friday, holidays included as periods in which nothing trades).</summary>
    public static int PeriodsPerYear(DecisionFrequency frequency) => frequency switch
    {
        DecisionFrequency.WeekEnd => 52,
        DecisionFrequency.BusinessDay => 261,
        _ => 12,
    };

    /// <summary>The given dates, sorted.</summary>
    /// <exception cref="ArgumentException">A date appears twice.</exception>
    public static IReadOnlyList<DecisionDate> FromDates(IEnumerable<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        DateOnly[] sorted = [.. dates];
        Array.Sort(sorted);
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"The decision date {sorted[i]:yyyy-MM-dd} appears twice.", nameof(dates));
            }
        }

        return Array.ConvertAll(sorted, d => new DecisionDate(d));
    }

    /// <summary>Reads a CSV with a <c>date</c> column of ISO dates (other columns are ignored), in any order; returns them sorted.</summary>
    /// <exception cref="DataFormatException">The column is missing, a date does not parse, or a date repeats.</exception>
    public static IReadOnlyList<DecisionDate> ReadCsv(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var reader = new CsvRecordReader(text, sourceName);
        if (!reader.Read() || reader.IsEmptyLine)
        {
            throw new DataFormatException(sourceName, 0, null, null, "the file is empty: expected a header with a 'date' column");
        }

        int column = -1;
        for (int i = 0; i < reader.FieldCount && column < 0; i++)
        {
            column = reader.Field(i).Trim().Equals("date", StringComparison.OrdinalIgnoreCase) ? i : -1;
        }

        if (column < 0)
        {
            throw new DataFormatException(sourceName, reader.Line, "date", reader.FieldString(0), "missing the 'date' column");
        }

        int width = reader.FieldCount;
        var lines = new Dictionary<DateOnly, int>();
        while (reader.Read())
        {
            if (reader.AllFieldsEmpty && reader.AtEnd)
            {
                break;
            }

            CsvFields.RequireFieldCount(reader, width);
            DateOnly date = CsvFields.ParseIsoDate(reader, column, "date");
            if (!lines.TryAdd(date, reader.Line))
            {
                throw new DataFormatException(sourceName, reader.Line, "date", reader.FieldString(column), $"the date repeats line {lines[date]}");
            }
        }

        if (lines.Count == 0)
        {
            throw new DataFormatException(sourceName, 0, null, null, "no dates after the header");
        }

        return FromDates(lines.Keys);
    }
}
