using System.Globalization;
using MacroLab.Data;
using MacroLab.Data.PointInTime;

namespace MacroLab.Backtest;

/// <summary>
/// What a backtest runs on: decision dates, the return of each asset over the period after each date, and the features known
/// at each date. Row t's returns are realised over (date t, date t+1]; they are the outcome of a decision at t and become
/// known at t+1. Immutable and thread-safe.
/// </summary>
public sealed class BacktestDataset
{
    private readonly DateOnly[] _dates;
    private readonly double[] _returns;
    private readonly double[] _features;

    private BacktestDataset(DateOnly[] dates, DateOnly[] realizedAt, string[] assets, double[] returns, string[] features, double[] featureValues, int riskFree)
    {
        _dates = dates;
        RealizedAt = realizedAt;
        Assets = assets;
        _returns = returns;
        FeatureNames = features;
        _features = featureValues;
        RiskFreeAsset = riskFree;
    }

    /// <summary>The decision dates, strictly increasing.</summary>
    public IReadOnlyList<DateOnly> Dates => _dates;

    /// <summary>The date at which row t's returns are realised (the next decision date).</summary>
    public IReadOnlyList<DateOnly> RealizedAt { get; }

    /// <summary>The asset names, in column order.</summary>
    public IReadOnlyList<string> Assets { get; }

    /// <summary>The feature names, in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The index of the risk-free asset (its return is subtracted for Sharpe ratios), or -1 when returns are already excess returns.</summary>
    public int RiskFreeAsset { get; }

    /// <summary>The number of decision dates.</summary>
    public int RowCount => _dates.Length;

    /// <summary>The number of assets.</summary>
    public int AssetCount => Assets.Count;

    /// <summary>The number of features.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The return of <paramref name="asset"/> over (date <paramref name="row"/>, date <paramref name="row"/>+1].</summary>
    public double PeriodReturn(int row, int asset) => _returns[(row * AssetCount) + asset];

    /// <summary>
    /// The return of <paramref name="asset"/> compounded over the <paramref name="periods"/> periods after date
    /// <paramref name="row"/> (rows row .. row + periods - 1); 0 for no periods.
    /// </summary>
    public double CompoundedReturn(int row, int periods, int asset)
    {
        double growth = 0; // compounded as c + r + c r: no cancellation of 1 against small returns
        for (int j = 0; j < periods; j++)
        {
            double r = PeriodReturn(row + j, asset);
            growth += r + (growth * r);
        }

        return growth;
    }

    /// <summary>The value of feature <paramref name="feature"/> known at date <paramref name="row"/>; NaN when missing.</summary>
    public double Feature(int row, int feature) => _features[(row * FeatureCount) + feature];

    /// <summary>All returns, row-major (row t, asset i at t x assets + i).</summary>
    internal ReadOnlySpan<double> Returns => _returns;

    internal ReadOnlySpan<double> ReturnRow(int row) => _returns.AsSpan(row * AssetCount, AssetCount);

    internal ReadOnlySpan<double> FeatureRow(int row) => _features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>
    /// The first <paramref name="count"/> rows, as if the data ended there: the last row's return is realised at the next
    /// decision date, and no later return exists, so no label of a held-out row can reach a fit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not between 1 and <see cref="RowCount"/>.</exception>
    public BacktestDataset Head(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, RowCount);
        return Create(
            _dates[..count], RealizedAt[count - 1], Assets, _returns[..(count * AssetCount)], FeatureNames, _features[..(count * FeatureCount)],
            RiskFreeAsset >= 0 ? Assets[RiskFreeAsset] : null);
    }

    /// <summary>
    /// A dataset from arrays.
    /// </summary>
    /// <param name="dates">Decision dates, strictly increasing; one more than the rows of returns is not needed: the last row's returns end at <paramref name="lastRealizedAt"/>.</param>
    /// <param name="lastRealizedAt">When the last row's returns are realised (after the last decision date).</param>
    /// <param name="assets">Asset names.</param>
    /// <param name="periodReturns">Row-major returns, row t over (date t, date t+1]; finite.</param>
    /// <param name="featureNames">Feature names (may be empty).</param>
    /// <param name="features">Row-major features known at each date; NaN where missing.</param>
    /// <param name="riskFreeAsset">The name of the risk-free asset among <paramref name="assets"/>, or null when returns are excess returns.</param>
    /// <exception cref="ArgumentException">Sizes disagree, dates do not increase, a name repeats, a return is not finite (naming date and asset), or the risk-free asset is unknown.</exception>
    public static BacktestDataset Create(
        IReadOnlyList<DateOnly> dates, DateOnly lastRealizedAt, IReadOnlyList<string> assets, IReadOnlyList<double> periodReturns,
        IReadOnlyList<string> featureNames, IReadOnlyList<double> features, string? riskFreeAsset = null)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(periodReturns);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(features);
        if (assets.Count == 0)
        {
            throw new ArgumentException("A backtest needs at least one asset.", nameof(assets));
        }

        RequireDistinct(assets, "asset");
        RequireDistinct(featureNames, "feature");
        int rows = dates.Count;
        if (periodReturns.Count != rows * assets.Count)
        {
            throw new ArgumentException($"{rows} dates x {assets.Count} assets need {rows * assets.Count} returns; {periodReturns.Count} given.", nameof(periodReturns));
        }

        if (features.Count != rows * featureNames.Count)
        {
            throw new ArgumentException($"{rows} dates x {featureNames.Count} features need {rows * featureNames.Count} values; {features.Count} given.", nameof(features));
        }

        DateOnly[] dateArray = [.. dates];
        for (int t = 1; t < rows; t++)
        {
            if (dateArray[t] <= dateArray[t - 1])
            {
                throw new ArgumentException($"Decision date {dateArray[t]:yyyy-MM-dd} (row {t}) does not come after {dateArray[t - 1]:yyyy-MM-dd}.", nameof(dates));
            }
        }

        if (rows > 0 && lastRealizedAt <= dateArray[^1])
        {
            throw new ArgumentException($"The last returns must be realised after the last decision date {dateArray[^1]:yyyy-MM-dd}; {lastRealizedAt:yyyy-MM-dd} given.", nameof(lastRealizedAt));
        }

        double[] returns = [.. periodReturns];
        for (int k = 0; k < returns.Length; k++)
        {
            if (!double.IsFinite(returns[k]))
            {
                throw new ArgumentException(
                    $"The return of '{assets[k % assets.Count]}' after {dateArray[k / assets.Count]:yyyy-MM-dd} is missing or not finite; trim the dataset to dates where every asset has a return.",
                    nameof(periodReturns));
            }
        }

        int riskFree = -1;
        if (riskFreeAsset is not null)
        {
            riskFree = assets.ToList().IndexOf(riskFreeAsset);
            if (riskFree < 0)
            {
                throw new ArgumentException($"The risk-free asset '{riskFreeAsset}' is not among the assets ({string.Join(", ", assets)}).", nameof(riskFreeAsset));
            }
        }

        var realized = new DateOnly[rows];
        for (int t = 0; t < rows; t++)
        {
            realized[t] = t + 1 < rows ? dateArray[t + 1] : lastRealizedAt;
        }

        return new BacktestDataset(dateArray, realized, [.. assets], returns, [.. featureNames], [.. features], riskFree);
    }

    /// <summary>
    /// The backtest dataset of Gold as <see cref="GoldDataset.LoadAsync"/> read it: its features and labels, its assets, and
    /// the request's risk-free asset and date range.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="FromGold(TimeSeriesTable, TimeSeriesTable, IReadOnlyList{string}, string?, DateOnly?, DateOnly?)"/>.</exception>
    public static BacktestDataset FromGold(GoldDataset gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        return FromGold(gold.Features, gold.Labels, gold.Assets, gold.Request.Frequency, gold.Request.RiskFreeAsset, gold.Request.Start, gold.Request.End);
    }

    /// <summary>
    /// A dataset from the Gold tables of the feature stage: the month-end feature table and the labels, whose
    /// <c>&lt;asset&gt;.fwd1m</c> columns are each asset's return over the month after the decision date. Rows are kept from
    /// the first date where every asset has a return to the last such date, within [<paramref name="start"/>, <paramref name="end"/>].
    /// </summary>
    /// <param name="features">Gold features (decision dates are month ends).</param>
    /// <param name="labels">Gold labels with a <c>.fwd1m</c> column per asset.</param>
    /// <param name="assets">The assets to trade.</param>
    /// <param name="riskFreeAsset">The risk-free asset among <paramref name="assets"/>, or null.</param>
    /// <param name="start">The first decision date to keep, or null.</param>
    /// <param name="end">The last decision date to keep, or null.</param>
    /// <exception cref="ArgumentException">A label column is missing, the dates of the tables differ, decision dates are not consecutive month ends, or an asset's return is missing inside the range (naming the asset and date).</exception>
    public static BacktestDataset FromGold(
        TimeSeriesTable features, TimeSeriesTable labels, IReadOnlyList<string> assets, string? riskFreeAsset = null, DateOnly? start = null, DateOnly? end = null) =>
        FromGold(features, labels, assets, DecisionFrequency.MonthEnd, riskFreeAsset, start, end);

    /// <summary>
    /// As <see cref="FromGold(TimeSeriesTable, TimeSeriesTable, IReadOnlyList{string}, string?, DateOnly?, DateOnly?)"/>, on the
    /// decision calendar <paramref name="frequency"/>: the one-period labels are <c>&lt;asset&gt;.fwd1m</c>, <c>.fwd1w</c> or
    /// <c>.fwd1d</c>, the decision dates must be consecutive dates of that calendar, and the last return is realised at the
    /// calendar's next date.
    /// </summary>
    /// <exception cref="ArgumentException">A label column is missing, the dates of the tables differ, decision dates are not consecutive dates of the calendar, or an asset's return is missing inside the range.</exception>
    public static BacktestDataset FromGold(
        TimeSeriesTable features, TimeSeriesTable labels, IReadOnlyList<string> assets, DecisionFrequency frequency, string? riskFreeAsset = null, DateOnly? start = null, DateOnly? end = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(assets);
        if (!features.Dates.SequenceEqual(labels.Dates))
        {
            throw new ArgumentException("The feature and label tables must have the same decision dates; build them in one feature stage run.", nameof(labels));
        }

        int[] labelColumns = new int[assets.Count];
        for (int a = 0; a < assets.Count; a++)
        {
            string column = string.Create(CultureInfo.InvariantCulture, $"{assets[a]}.fwd1{DecisionCalendar.LabelUnit(frequency)}");
            labelColumns[a] = labels.IndexOf(column);
            if (labelColumns[a] < 0)
            {
                throw new ArgumentException($"The labels have no column '{column}' for asset '{assets[a]}'.", nameof(assets));
            }
        }

        bool Complete(int row)
        {
            foreach (int column in labelColumns)
            {
                if (double.IsNaN(labels.Column(column)[row]))
                {
                    return false;
                }
            }

            return true;
        }

        int first = 0, last = labels.RowCount - 1;
        while (first <= last && (!Complete(first) || (start is { } s && labels.Dates[first] < s)))
        {
            first++;
        }

        while (last >= first && (!Complete(last) || (end is { } e && labels.Dates[last] > e)))
        {
            last--;
        }

        int rows = Math.Max(0, last - first + 1);
        var dates = new DateOnly[rows];
        var returns = new double[rows * assets.Count];
        var values = new double[rows * features.Columns.Count];
        for (int t = 0; t < rows; t++)
        {
            int row = first + t;
            dates[t] = labels.Dates[row];
            if ((frequency == DecisionFrequency.MonthEnd && dates[t].AddDays(1).Day != 1) || (t > 0 && dates[t] != DecisionCalendar.Next(frequency, dates[t - 1])))
            {
                throw new ArgumentException(frequency == DecisionFrequency.MonthEnd
                    ? $"Decision dates must be consecutive month ends to pair with monthly labels; {dates[t]:yyyy-MM-dd} (row {row}) is not."
                    : $"Decision dates must be consecutive dates of the {frequency} calendar to pair with its labels; {dates[t]:yyyy-MM-dd} (row {row}) does not follow {dates[t - 1]:yyyy-MM-dd}.", nameof(features));
            }

            for (int a = 0; a < assets.Count; a++)
            {
                double value = labels.Column(labelColumns[a])[row];
                if (double.IsNaN(value))
                {
                    throw new ArgumentException($"The return of '{assets[a]}' over the period after {dates[t]:yyyy-MM-dd} is missing inside the backtest range; restrict the range with a start or end date.", nameof(labels));
                }

                returns[(t * assets.Count) + a] = value;
            }

            for (int f = 0; f < features.Columns.Count; f++)
            {
                values[(t * features.Columns.Count) + f] = features.Column(f)[row];
            }
        }

        DateOnly lastRealized = rows == 0 ? default : DecisionCalendar.Next(frequency, dates[^1]);
        return Create(dates, lastRealized, assets, returns, features.Columns, values, riskFreeAsset);
    }

    private static void RequireDistinct(IReadOnlyList<string> names, string kind)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
            {
                throw new ArgumentException($"The {kind} name '{name}' is empty or repeated.");
            }
        }
    }
}
