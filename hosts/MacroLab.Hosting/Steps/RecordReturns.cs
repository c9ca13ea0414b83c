using MacroLab.Backtest.Metrics;
using MacroLab.Backtest.Reporting;
using MacroLab.Hosting.Documents;

namespace MacroLab.Hosting.Steps;

/// <summary>Out-of-sample records from <c>results.json</c> compared month by month over the months they share.</summary>
internal static class RecordReturns
{
    /// <summary>The fewest common months a comparison is made on.</summary>
    public const int MinCommonPeriods = 12;

    /// <summary>
    /// <paramref name="selected"/> against <paramref name="other"/> over their common months, by the Ledoit–Wolf test of the
    /// Sharpe difference; null when they share fewer than <see cref="MinCommonPeriods"/> months or one has no variance there.
    /// </summary>
    public static RecordComparison? Compare(string kind, string name, BacktestRecord selected, BacktestRecord other, int periodsPerYear, int seed)
    {
        Dictionary<DateOnly, double> theirs = Excess(other).ToDictionary(r => r.Date, r => r.Excess);
        var dates = new List<DateOnly>();
        var mine = new List<double>();
        var against = new List<double>();
        foreach ((DateOnly date, double excess) in Excess(selected))
        {
            if (theirs.TryGetValue(date, out double value))
            {
                dates.Add(date);
                mine.Add(excess);
                against.Add(value);
            }
        }

        if (dates.Count < MinCommonPeriods)
        {
            return null;
        }

        try
        {
            return new RecordComparison(kind, name, dates[0], dates[^1], SharpeDifferenceTest.Run(mine.ToArray(), against.ToArray(), periodsPerYear, seed));
        }
        catch (ArgumentException)
        {
            return null; // a record without variance over the common months: no Sharpe ratio to compare
        }
    }

    private static IEnumerable<(DateOnly Date, double Excess)> Excess(BacktestRecord record) =>
        record.Returns.Select(r => (r.Date, r.Net - (r.RiskFree ?? 0)));
}
