using System.Globalization;
using MacroLab.Data;
using MacroLab.Data.PointInTime;

namespace MacroLab.Hosting.Decisions;

/// <summary>
/// What a book trades on: every Gold decision date (the feature table's, up to the newest, whether or not the period after
/// it is realised yet), the universe's assets, and each asset's return over the period after each date where Gold knows it
/// (the labels' <c>&lt;asset&gt;.fwd1m</c>, or <c>fwd1w</c>, <c>fwd1d</c> on a weekly or daily calendar; NaN until realised).
/// </summary>
internal sealed class BookMarket
{
    private readonly double[][] _returns;

    private readonly DecisionFrequency _frequency;

    private BookMarket(TimeSeriesTable features, IReadOnlyList<string> assets, int riskFree, double[][] returns, DecisionFrequency frequency)
    {
        _frequency = frequency;
        Features = features;
        Assets = assets;
        RiskFreeAsset = riskFree;
        _returns = returns;
    }

    /// <summary>Gold's features (and signals) on the decision dates: what the models read.</summary>
    public TimeSeriesTable Features { get; }

    /// <summary>The decision dates, oldest first.</summary>
    public IReadOnlyList<DateOnly> Dates => Features.Dates;

    /// <summary>The assets, the risk-free one included.</summary>
    public IReadOnlyList<string> Assets { get; }

    /// <summary>The risk-free asset's index, or -1.</summary>
    public int RiskFreeAsset { get; }

    /// <summary>The number of decision dates.</summary>
    public int RowCount => Dates.Count;

    /// <summary>The number of assets.</summary>
    public int AssetCount => Assets.Count;

    /// <summary>The market of a Gold dataset.</summary>
    /// <exception cref="InvalidDataException">The labels lack an asset's forward return.</exception>
    public static BookMarket Of(GoldDataset gold)
    {
        string unit = DecisionCalendar.LabelUnit(gold.Request.Frequency);
        double[][] returns = [.. gold.Assets.Select(asset => gold.Labels.IndexOf($"{asset}.fwd1{unit}") is var c and >= 0
            ? gold.Labels.Column(c).ToArray()
            : throw new InvalidDataException($"Gold's labels have no column '{asset}.fwd1{unit}' for asset '{asset}'; rebuild the features (macrolab features)."))];
        int riskFree = gold.Request.RiskFreeAsset is { } name ? gold.Assets.ToList().IndexOf(name) : -1;
        return new BookMarket(gold.Features, gold.Assets, riskFree, returns, gold.Request.Frequency);
    }

    /// <summary>The return of <paramref name="asset"/> over the month after <paramref name="row"/>'s date; NaN until realised.</summary>
    public double Return(int row, int asset) => _returns[asset][row];

    /// <summary>The decision date at which the period after <paramref name="row"/> is realised.</summary>
    public DateOnly RealizedAt(int row) => row + 1 < Dates.Count ? Dates[row + 1] : DecisionCalendar.Next(_frequency, Dates[row]);

    /// <summary>The row of a date, or -1.</summary>
    public int RowOf(DateOnly date) => Features.IndexOf(date);

    /// <summary>The index of an asset, or -1.</summary>
    public int IndexOf(string asset)
    {
        for (int a = 0; a < Assets.Count; a++)
        {
            if (string.Equals(Assets[a], asset, StringComparison.Ordinal))
            {
                return a;
            }
        }

        return -1;
    }

    /// <summary>"d1 .. d2" of the dates, for messages.</summary>
    public string Span => RowCount == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"{Dates[0]:yyyy-MM-dd} .. {Dates[^1]:yyyy-MM-dd}");
}
