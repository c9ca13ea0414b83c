using MacroLab.Data.PointInTime;

namespace MacroLab.Data.Features;

/// <summary>Monthly total returns of an asset universe, derived from observed series.</summary>
public static class AssetReturns
{
    /// <summary>A daily yield counts as a month-end yield only if observed within this many days of the month's last day.</summary>
    internal const int MonthEndToleranceDays = 7;

    /// <summary>
    /// One row per month (dated on its first day) from the first to the last month any asset has a return; decimal total
    /// returns over the month, NaN where an input is missing.
    /// </summary>
    /// <remarks>
    /// Realized returns are targets, not features, so each period uses its latest revision in <paramref name="observations"/>
    /// (the final data), not the value known at some decision date. Labels built from them start strictly after the decision
    /// date (<see cref="ForwardReturns"/>).
    /// </remarks>
    /// <exception cref="ArgumentException">An asset's series is absent, or a return series is not monthly.</exception>
    public static TimeSeriesTable Monthly(ObservationSet observations, AssetUniverse universe)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(universe);
        var byAsset = new Dictionary<int, double>[universe.Assets.Count];
        for (int a = 0; a < byAsset.Length; a++)
        {
            byAsset[a] = universe.Assets[a] switch
            {
                AssetDefinition.ReturnSum sum => SumOfMonthlyReturns(observations, sum),
                AssetDefinition.ParBond bond => BondReturns(observations, bond),
                _ => throw new ArgumentException($"Unknown kind of asset '{universe.Assets[a].Name}'.", nameof(universe)),
            };
        }

        int first = int.MaxValue, last = int.MinValue;
        foreach (Dictionary<int, double> returns in byAsset)
        {
            foreach (int month in returns.Keys)
            {
                first = Math.Min(first, month);
                last = Math.Max(last, month);
            }
        }

        int rows = first > last ? 0 : last - first + 1;
        var dates = new DateOnly[rows];
        for (int r = 0; r < rows; r++)
        {
            dates[r] = MonthStart(first + r);
        }

        var values = new double[byAsset.Length][];
        for (int a = 0; a < byAsset.Length; a++)
        {
            values[a] = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                values[a][r] = byAsset[a].TryGetValue(first + r, out double value) ? value : double.NaN;
            }
        }

        return new TimeSeriesTable(dates, [.. universe.Assets.Select(a => a.Name)], values);
    }

    private static Dictionary<int, double> SumOfMonthlyReturns(ObservationSet observations, AssetDefinition.ReturnSum asset)
    {
        Dictionary<int, double>? total = null;
        foreach (string series in asset.Components)
        {
            var final = FinalValues(observations, series, asset.Name);
            var monthly = new Dictionary<int, double>(final.Count);
            foreach ((int day, double value) in final)
            {
                DateOnly start = DateOnly.FromDayNumber(day);
                if (start.Day != 1)
                {
                    throw new ArgumentException($"Asset '{asset.Name}': '{series}' is not a monthly return series (period {start:yyyy-MM-dd}).");
                }

                monthly[PointInTimeEngine.Ordinal(start, Frequency.Monthly)] = value;
            }

            if (total is null)
            {
                total = monthly;
                continue;
            }

            var both = new Dictionary<int, double>();
            foreach ((int month, double value) in total)
            {
                if (monthly.TryGetValue(month, out double other))
                {
                    both[month] = value + other;
                }
            }

            total = both;
        }

        return total ?? [];
    }

    private static Dictionary<int, double> BondReturns(ObservationSet observations, AssetDefinition.ParBond bond)
    {
        var monthEnd = new Dictionary<int, (int Day, double Yield)>();
        foreach ((int day, double value) in FinalValues(observations, bond.YieldSeries, bond.Name))
        {
            DateOnly date = DateOnly.FromDayNumber(day);
            int month = PointInTimeEngine.Ordinal(date, Frequency.Monthly);
            if (!monthEnd.TryGetValue(month, out (int Day, double Yield) known) || known.Day < day)
            {
                monthEnd[month] = (day, value);
            }
        }

        var returns = new Dictionary<int, double>();
        foreach ((int month, (int day, double yield)) in monthEnd)
        {
            if (IsMonthEnd(month, day) && monthEnd.TryGetValue(month - 1, out (int Day, double Yield) previous) && IsMonthEnd(month - 1, previous.Day))
            {
                returns[month] = bond.MonthlyReturn(previous.Yield / 100, yield / 100);
            }
        }

        return returns;
    }

    private static bool IsMonthEnd(int month, int day) =>
        MonthStart(month + 1).DayNumber - 1 - day <= MonthEndToleranceDays;

    /// <summary>The latest revision of each period of a series: period day number to value.</summary>
    private static Dictionary<int, double> FinalValues(ObservationSet observations, string series, string asset)
    {
        int s = observations.IndexOfSeries(series);
        if (s < 0)
        {
            throw new ArgumentException($"Asset '{asset}' needs the series '{series}', which is not among the observations.");
        }

        var final = new Dictionary<int, double>();
        for (int i = observations.SeriesOffsets[s]; i < observations.SeriesOffsets[s + 1]; i++)
        {
            final[observations.Periods[i]] = observations.Values[i]; // release order: the last write is the latest revision
        }

        return final;
    }

    private static DateOnly MonthStart(int ordinal) => new(ordinal / 12, (ordinal % 12) + 1, 1);
}
