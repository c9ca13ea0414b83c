namespace MacroLab.Data.Features;

/// <summary>How an asset's monthly total return is derived from observed series.</summary>
public abstract record AssetDefinition
{
    private protected AssetDefinition(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The asset's name, the column of return and label tables.</summary>
    public string Name { get; }

    /// <summary>The series the asset is derived from.</summary>
    public abstract IReadOnlyList<string> Series { get; }

    /// <summary>The sum of monthly decimal return series, e.g. the market: <c>FF.Mkt-RF</c> + <c>FF.RF</c>.</summary>
    /// <exception cref="ArgumentException">No series is given.</exception>
    public static AssetDefinition SumOfReturns(string name, params string[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0)
        {
            throw new ArgumentException($"Asset '{name}' needs at least one return series.", nameof(series));
        }

        return new ReturnSum(name, [.. series]);
    }

    /// <summary>
    /// A constant-maturity Treasury bond bought at par at each month end and sold a month later, from a daily series of
    /// yields in percent per year (e.g. H.15's <c>UST10Y</c>).
    /// </summary>
    /// <remarks>
    /// With y0 the yield at the end of the previous month (the coupon of a par bond with semiannual coupons) and y1 the
    /// yield at the end of the month, both decimal, and T = maturity - 1/12 years: price
    /// P = (y0 / y1)(1 - (1 + y1/2)^(-2T)) + (1 + y1/2)^(-2T), return = P - 1 + y0/12 (the coupon accrued over the month).
    /// When y1 = 0, P = y0 T + 1. Month-end yields are the last daily value of each month. This is the standard
    /// reconstruction of Treasury returns from constant-maturity yields (e.g. Swinkels 2019, "Treasury bond return data
    /// starting in 1962", Data 4(3)); it ignores convexity of the true on-the-run bond and bid-ask costs.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maturityYears"/> is not above one month.</exception>
    public static AssetDefinition ConstantMaturityBond(string name, string yieldSeries, double maturityYears)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(yieldSeries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maturityYears, 1.0 / 12);
        return new ParBond(name, yieldSeries, maturityYears);
    }

    internal sealed record ReturnSum : AssetDefinition
    {
        public ReturnSum(string name, string[] series)
            : base(name) => Components = series;

        public string[] Components { get; }

        public override IReadOnlyList<string> Series => Components;

        public override string ToString() => $"{Name}=sum({string.Join('+', Components)})";
    }

    internal sealed record ParBond : AssetDefinition
    {
        public ParBond(string name, string yieldSeries, double maturityYears)
            : base(name) => (YieldSeries, MaturityYears) = (yieldSeries, maturityYears);

        public string YieldSeries { get; }

        public double MaturityYears { get; }

        public override IReadOnlyList<string> Series => [YieldSeries];

        public override string ToString() =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}=par-bond({YieldSeries},{MaturityYears}y)");

        /// <summary>Total return over one month of a par bond priced at <paramref name="startYield"/>, repriced at <paramref name="endYield"/> (decimals).</summary>
        public double MonthlyReturn(double startYield, double endYield)
        {
            double remaining = MaturityYears - (1.0 / 12);
            double price = endYield == 0
                ? 1 + (startYield * remaining)
                : ((startYield / endYield) * (1 - Math.Pow(1 + (endYield / 2), -2 * remaining))) + Math.Pow(1 + (endYield / 2), -2 * remaining);
            return price - 1 + (startYield / 12);
        }
    }
}
