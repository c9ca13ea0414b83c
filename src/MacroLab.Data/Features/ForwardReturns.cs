using System.Globalization;
using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Features;

/// <summary>Labels: the compounded return of each asset over the months that start strictly after each decision date.</summary>
public static class ForwardReturns
{
    /// <summary>
    /// For each decision date t and horizon h, column <c>&lt;asset&gt;.fwd&lt;h&gt;m</c> = prod(1 + r_m) - 1 over the h consecutive
    /// months m whose first day is after t; missing when any of them is. A month that began on or before t is never
    /// included, so no part of a label is known at t.
    /// </summary>
    /// <param name="monthlyReturns">Decimal monthly returns, one row per consecutive month dated on its first day (<see cref="AssetReturns.Monthly"/>).</param>
    /// <param name="decisionDates">Decision dates, ascending.</param>
    /// <param name="horizonsInMonths">Horizons in months, each at least 1.</param>
    /// <exception cref="ArgumentException">Rows are not consecutive month starts, or a horizon is below 1.</exception>
    public static TimeSeriesTable Compute(TimeSeriesTable monthlyReturns, IReadOnlyList<DecisionDate> decisionDates, IReadOnlyList<int> horizonsInMonths)
    {
        ArgumentNullException.ThrowIfNull(monthlyReturns);
        ArgumentNullException.ThrowIfNull(decisionDates);
        ArgumentNullException.ThrowIfNull(horizonsInMonths);
        IReadOnlyList<DateOnly> months = monthlyReturns.Dates;
        for (int r = 0; r < months.Count; r++)
        {
            if (months[r].Day != 1 || (r > 0 && months[r] != months[r - 1].AddMonths(1)))
            {
                throw new ArgumentException($"Monthly returns must be consecutive months dated on their first day; row {r} is {months[r]:yyyy-MM-dd}.", nameof(monthlyReturns));
            }
        }

        DateOnly[] dates = [.. decisionDates.Select(d => d.Date)];
        return Labels(monthlyReturns, dates, horizonsInMonths, "m", d => FirstMonthAfter(months, dates[d]));
    }

    /// <summary>
    /// Labels on a weekly or daily calendar: for each decision date d_k and horizon h, column
    /// <c>&lt;asset&gt;.fwd&lt;h&gt;&lt;unit&gt;</c> (<c>w</c> or <c>d</c>, <see cref="DecisionCalendar.LabelUnit"/>) = the compounded return
    /// over the h periods (d_k, d_k+1], ..., (d_k+h-1, d_k+h]; missing when any of them is, or when the calendar ends first.
    /// </summary>
    /// <param name="periodReturns">Each period's return, rows dated at the period's end (<see cref="AssetReturns.ForPeriods"/> on <paramref name="decisionDates"/>).</param>
    /// <param name="decisionDates">Decision dates, ascending: the calendar the returns were computed on.</param>
    /// <param name="horizons">Horizons in periods, each at least 1.</param>
    /// <param name="frequency">The calendar, for the label's unit.</param>
    /// <exception cref="ArgumentException">The returns are not dated at the decision dates after the first, or a horizon is below 1.</exception>
    public static TimeSeriesTable ComputeForPeriods(TimeSeriesTable periodReturns, IReadOnlyList<DecisionDate> decisionDates, IReadOnlyList<int> horizons, DecisionFrequency frequency)
    {
        ArgumentNullException.ThrowIfNull(periodReturns);
        ArgumentNullException.ThrowIfNull(decisionDates);
        ArgumentNullException.ThrowIfNull(horizons);
        if (periodReturns.RowCount != Math.Max(0, decisionDates.Count - 1)
            || Enumerable.Range(0, periodReturns.RowCount).Any(r => periodReturns.Dates[r] != decisionDates[r + 1].Date))
        {
            throw new ArgumentException("Period returns must be dated at the decision dates after the first, one row per period.", nameof(periodReturns));
        }

        // Row k of the returns is the period (d_k, d_k+1]: the label at d_k starts there.
        return Labels(periodReturns, [.. decisionDates.Select(d => d.Date)], horizons, DecisionCalendar.LabelUnit(frequency), k => k);
    }

    /// <summary>
    /// Column <c>&lt;asset&gt;.fwd&lt;h&gt;&lt;unit&gt;</c> for each horizon h and asset: at each date, the returns compounded from
    /// row <paramref name="firstRow"/>(date index) over h rows (NaN when any is missing or the table ends first).
    /// </summary>
    private static TimeSeriesTable Labels(TimeSeriesTable returns, DateOnly[] dates, IReadOnlyList<int> horizons, string unit, Func<int, int> firstRow)
    {
        foreach (int horizon in horizons)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1, nameof(horizons));
        }

        var columns = new List<string>();
        var values = new List<double[]>();
        foreach (int horizon in horizons)
        {
            for (int a = 0; a < returns.Columns.Count; a++)
            {
                ReadOnlySpan<double> column = returns.Column(a);
                var label = new double[dates.Length];
                for (int d = 0; d < dates.Length; d++)
                {
                    label[d] = Compound(column, firstRow(d), horizon);
                }

                columns.Add(string.Create(CultureInfo.InvariantCulture, $"{returns.Columns[a]}.fwd{horizon}{unit}"));
                values.Add(label);
            }
        }

        return TimeSeriesTable.Create(dates, columns, values);
    }

    /// <summary>The index of the first month whose first day is after <paramref name="date"/>.</summary>
    private static int FirstMonthAfter(IReadOnlyList<DateOnly> months, DateOnly date)
    {
        if (months.Count == 0)
        {
            return 0;
        }

        var next = new DateOnly(date.Year, date.Month, 1).AddMonths(1);
        int offset = ((next.Year - months[0].Year) * 12) + next.Month - months[0].Month;
        return offset; // negative when the first month after the date precedes the table: no label
    }

    private static double Compound(ReadOnlySpan<double> returns, int first, int horizon)
    {
        if (first < 0 || first > returns.Length - horizon)
        {
            return double.NaN;
        }

        // (1 + c)(1 + r) - 1 = c + r + c r: exact for one period, and no cancellation of 1 against small returns.
        double compounded = 0;
        for (int m = first; m < first + horizon; m++)
        {
            compounded += returns[m] + (compounded * returns[m]);
        }

        return compounded;
    }
}
