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
    /// <exception cref="ArgumentException">An asset's series is absent, a return series is not monthly, or a price or exchange rate is not positive; the message names the asset, the series and the period.</exception>
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
                AssetDefinition.Price price => PriceReturns(observations, price),
                AssetDefinition.ForeignCurrency currency => CurrencyReturns(observations, currency),
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

    /// <summary>
    /// Returns over each decision period of a weekly or daily calendar: row k, dated <c>dates[k]</c> (k from 1), is each
    /// asset's total return over (<c>dates[k-1]</c>, <c>dates[k]</c>]; NaN where an input is missing.
    /// </summary>
    /// <remarks>
    /// Daily series only: return series are summed day by day and compounded over the period's days (a period without a
    /// trading day, a holiday, earns nothing); prices, exchange rates and yields are read at their last value at or before
    /// each date, within a week. A bond's coupon accrues over the period's calendar days (the par bond of
    /// <see cref="AssetDefinition.ConstantMaturityBond"/> with the period's length instead of a month), and so does a
    /// currency's deposit rate. As for <see cref="Monthly"/>, each value is its latest revision.
    /// </remarks>
    /// <exception cref="ArgumentException">An asset's series is absent, is monthly (a weekly or daily calendar needs daily
    /// data), or a price or exchange rate is not positive; the message names the asset and the series.</exception>
    public static TimeSeriesTable ForPeriods(ObservationSet observations, AssetUniverse universe, IReadOnlyList<DecisionDate> dates)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(dates);
        int rows = Math.Max(0, dates.Count - 1);
        var values = new double[universe.Assets.Count][];
        for (int a = 0; a < values.Length; a++)
        {
            AssetDefinition asset = universe.Assets[a];
            values[a] = new double[rows];
            Func<DateOnly, DateOnly, double> periodReturn = asset switch
            {
                AssetDefinition.ReturnSum sum => DailyReturnSum(observations, sum),
                AssetDefinition.Price price => LevelReturn(DailyLevels(observations, price.PriceSeries, asset.Name, "price", positive: true), invert: false, null),
                AssetDefinition.ForeignCurrency currency => LevelReturn(
                    DailyLevels(observations, currency.ExchangeRateSeries, asset.Name, "exchange rate", positive: true),
                    invert: currency.Quote == ExchangeRateQuote.ForeignPerHome,
                    currency.DepositRateSeries is { } deposit ? Sorted(FinalValues(observations, deposit, asset.Name, "deposit rate")) : null),
                AssetDefinition.ParBond bond => BondPeriodReturn(DailyLevels(observations, bond.YieldSeries, asset.Name, "yield", positive: false), bond),
                _ => throw new ArgumentException($"Unknown kind of asset '{asset.Name}'.", nameof(universe)),
            };
            for (int k = 1; k < dates.Count; k++)
            {
                values[a][k - 1] = periodReturn(dates[k - 1].Date, dates[k].Date);
            }
        }

        return new TimeSeriesTable([.. dates.Skip(1).Select(d => d.Date)], [.. universe.Assets.Select(a => a.Name)], values);
    }

    /// <summary>A daily value counts at a date when observed at most this many days before it.</summary>
    private const int LevelToleranceDays = 7;

    private static Func<DateOnly, DateOnly, double> DailyReturnSum(ObservationSet observations, AssetDefinition.ReturnSum asset)
    {
        Dictionary<int, double>? total = null;
        foreach (string series in asset.Components)
        {
            Dictionary<int, double> daily = FinalValues(observations, series, asset.Name, "return series");
            RequireDaily(daily, series, asset.Name);
            total = total is null ? daily : total.Where(d => daily.ContainsKey(d.Key)).ToDictionary(d => d.Key, d => d.Value + daily[d.Key]);
        }

        (int[] days, double[] returns) = Sorted(total ?? []);
        return (from, to) =>
        {
            if (days.Length == 0 || from.DayNumber < days[0] || to.DayNumber > days[^1])
            {
                return double.NaN; // outside the series: unknown, not zero
            }

            int first = LowerBound(days, from.DayNumber + 1), end = LowerBound(days, to.DayNumber + 1);
            double compounded = 0;
            for (int i = first; i < end; i++)
            {
                compounded += returns[i] + (compounded * returns[i]);
            }

            return compounded;
        };
    }

    private static (int[] Days, double[] Values) DailyLevels(ObservationSet observations, string series, string asset, string role, bool positive)
    {
        Dictionary<int, double> final = FinalValues(observations, series, asset, role);
        RequireDaily(final, series, asset);
        if (positive)
        {
            RequirePositive(final, series, asset, role);
        }

        return Sorted(final);
    }

    private static Func<DateOnly, DateOnly, double> LevelReturn((int[] Days, double[] Values) levels, bool invert, (int[] Days, double[] Values)? deposit) =>
        (from, to) =>
        {
            double start = LevelAt(levels, from, LevelToleranceDays), end = LevelAt(levels, to, LevelToleranceDays);
            double growth = invert ? start / end : end / start;
            double carry = 0;
            if (deposit is { } rates)
            {
                double percent = LevelAt(rates, from, 45); // deposit rates are often monthly: the latest within six weeks
                carry = percent / 100 * (to.DayNumber - from.DayNumber) / 365;
            }

            return (growth * (1 + carry)) - 1;
        };

    private static Func<DateOnly, DateOnly, double> BondPeriodReturn((int[] Days, double[] Values) yields, AssetDefinition.ParBond bond) =>
        (from, to) => bond.PeriodReturn(LevelAt(yields, from, LevelToleranceDays) / 100, LevelAt(yields, to, LevelToleranceDays) / 100, (to.DayNumber - from.DayNumber) / 365.25);

    /// <summary>The last value at or before <paramref name="date"/> within <paramref name="toleranceDays"/>, or NaN.</summary>
    private static double LevelAt((int[] Days, double[] Values) levels, DateOnly date, int toleranceDays)
    {
        int i = LowerBound(levels.Days, date.DayNumber + 1) - 1;
        return i >= 0 && date.DayNumber - levels.Days[i] <= toleranceDays ? levels.Values[i] : double.NaN;
    }

    /// <summary>Refuses a level that is not positive (a price, an exchange rate), naming the asset, the series and the date.</summary>
    private static void RequirePositive(Dictionary<int, double> values, string series, string asset, string role)
    {
        foreach ((int day, double value) in values)
        {
            if (!(value > 0))
            {
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Asset '{asset}': the {role} '{series}' is {value} for {DateOnly.FromDayNumber(day):yyyy-MM-dd}; it must be positive."));
            }
        }
    }

    private static void RequireDaily(Dictionary<int, double> values, string series, string asset)
    {
        if (values.Count > 1 && values.Keys.All(day => DateOnly.FromDayNumber(day).Day == 1))
        {
            throw new ArgumentException($"Asset '{asset}': '{series}' is a monthly series; a weekly or daily decision calendar needs daily data (for Fama-French, the daily factor file).");
        }
    }

    private static (int[] Days, double[] Values) Sorted(Dictionary<int, double> values)
    {
        int[] days = [.. values.Keys.Order()];
        return (days, [.. days.Select(d => values[d])]);
    }

    /// <summary>The first index whose day is at least <paramref name="day"/>.</summary>
    private static int LowerBound(int[] days, int day)
    {
        int i = Array.BinarySearch(days, day);
        return i >= 0 ? i : ~i;
    }

    private static Dictionary<int, double> SumOfMonthlyReturns(ObservationSet observations, AssetDefinition.ReturnSum asset)
    {
        Dictionary<int, double>? total = null;
        foreach (string series in asset.Components)
        {
            var final = FinalValues(observations, series, asset.Name, "return series");
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

    private static Dictionary<int, double> PriceReturns(ObservationSet observations, AssetDefinition.Price asset)
    {
        Dictionary<int, double> levels = MonthEndLevels(observations, asset.PriceSeries, asset.Name, "price", positive: true);
        var returns = new Dictionary<int, double>(levels.Count);
        foreach ((int month, double level) in levels)
        {
            if (levels.TryGetValue(month - 1, out double previous))
            {
                returns[month] = (level / previous) - 1;
            }
        }

        return returns;
    }

    private static Dictionary<int, double> CurrencyReturns(ObservationSet observations, AssetDefinition.ForeignCurrency asset)
    {
        Dictionary<int, double> rates = MonthEndLevels(observations, asset.ExchangeRateSeries, asset.Name, "exchange rate", positive: true);
        Dictionary<int, double>? deposits = asset.DepositRateSeries is { } deposit
            ? MonthEndLevels(observations, deposit, asset.Name, "deposit rate", positive: false)
            : null;
        var returns = new Dictionary<int, double>(rates.Count);
        foreach ((int month, double rate) in rates)
        {
            if (!rates.TryGetValue(month - 1, out double previous))
            {
                continue;
            }

            double carry = 0;
            if (deposits is not null)
            {
                if (!deposits.TryGetValue(month - 1, out double percent))
                {
                    continue; // no deposit rate known at the month's start: no return rather than a spot-only one
                }

                carry = percent / 1200;
            }

            double growth = asset.Quote == ExchangeRateQuote.HomePerForeign ? rate / previous : previous / rate;
            returns[month] = (growth * (1 + carry)) - 1;
        }

        return returns;
    }

    /// <summary>
    /// The level of a series at each month's end, by month ordinal: a monthly series' value of the month, or a daily series'
    /// last value of the month when it falls within a week of the month's end.
    /// </summary>
    private static Dictionary<int, double> MonthEndLevels(ObservationSet observations, string series, string asset, string role, bool positive)
    {
        Dictionary<int, double> final = FinalValues(observations, series, asset, role);
        if (positive)
        {
            RequirePositive(final, series, asset, role);
        }

        bool monthly = final.Keys.All(day => DateOnly.FromDayNumber(day).Day == 1);
        var last = new Dictionary<int, (int Day, double Value)>();
        foreach ((int day, double value) in final)
        {
            DateOnly date = DateOnly.FromDayNumber(day);
            int month = PointInTimeEngine.Ordinal(date, Frequency.Monthly);
            if (!last.TryGetValue(month, out (int Day, double Value) known) || known.Day < day)
            {
                last[month] = (day, value);
            }
        }

        var levels = new Dictionary<int, double>(last.Count);
        foreach ((int month, (int day, double value)) in last)
        {
            if (monthly || IsMonthEnd(month, day))
            {
                levels[month] = value;
            }
        }

        return levels;
    }

    private static Dictionary<int, double> BondReturns(ObservationSet observations, AssetDefinition.ParBond bond)
    {
        var monthEnd = new Dictionary<int, (int Day, double Yield)>();
        foreach ((int day, double value) in FinalValues(observations, bond.YieldSeries, bond.Name, "yield"))
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
    private static Dictionary<int, double> FinalValues(ObservationSet observations, string series, string asset, string role)
    {
        int s = observations.IndexOfSeries(series);
        if (s < 0)
        {
            throw new ArgumentException($"Asset '{asset}' has no {role}: the series '{series}' is not among the ingested observations (ingest a source that has it, or fix the universe's series).");
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
