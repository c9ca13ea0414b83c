using System.Globalization;

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

        foreach (int horizon in horizonsInMonths)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1, nameof(horizonsInMonths));
        }

        var columns = new List<string>();
        var values = new List<double[]>();
        DateOnly[] dates = [.. decisionDates.Select(d => d.Date)];
        foreach (int horizon in horizonsInMonths)
        {
            for (int a = 0; a < monthlyReturns.Columns.Count; a++)
            {
                ReadOnlySpan<double> returns = monthlyReturns.Column(a);
                var label = new double[dates.Length];
                for (int d = 0; d < dates.Length; d++)
                {
                    int firstMonth = FirstMonthAfter(months, dates[d]);
                    label[d] = Compound(returns, firstMonth, horizon);
                }

                columns.Add(string.Create(CultureInfo.InvariantCulture, $"{monthlyReturns.Columns[a]}.fwd{horizon}m"));
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
