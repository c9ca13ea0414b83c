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

    /// <summary>
    /// An asset valued by a price or index level (a commodity, an index, a total-return index): the month's return is the
    /// level at its end over the level at the previous month's end, minus one. A monthly series' value is its month's level;
    /// a daily series' month-end level is its last value of the month, within a week of the month's end.
    /// </summary>
    /// <remarks>
    /// A price index without dividends gives a price return, and a monthly average (as FRED-MD's <c>OILPRICEx</c>) a smoothed
    /// one; a commodity spot price carries no roll yield. Levels must be positive.
    /// </remarks>
    public static AssetDefinition PriceReturn(string name, string priceSeries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(priceSeries);
        return new Price(name, priceSeries);
    }

    /// <summary>
    /// Holding one unit of a foreign currency, in the home currency (the one returns are measured in, USD on the bundled
    /// data): with H the home value of one foreign unit at a month's end (the rate itself when quoted as home per foreign,
    /// its inverse when quoted as foreign per home), the month's return is (H_t / H_{t-1})(1 + d_{t-1} / 1200) - 1, where
    /// d is the foreign deposit rate in percent per year at the previous month's end; without a deposit rate, the spot
    /// return H_t / H_{t-1} - 1 (no carry). Month-end values as for <see cref="PriceReturn"/>.
    /// </summary>
    /// <param name="name">The asset's name.</param>
    /// <param name="exchangeRateSeries">The exchange rate.</param>
    /// <param name="quote">How <paramref name="exchangeRateSeries"/> is quoted.</param>
    /// <param name="depositRateSeries">The foreign one-month deposit rate in percent per year, or null for the spot return.</param>
    public static AssetDefinition Currency(string name, string exchangeRateSeries, ExchangeRateQuote quote, string? depositRateSeries = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exchangeRateSeries);
        if (!Enum.IsDefined(quote))
        {
            throw new ArgumentOutOfRangeException(nameof(quote), quote, "Not an exchange-rate quote.");
        }

        if (depositRateSeries is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(depositRateSeries);
        }

        return new ForeignCurrency(name, exchangeRateSeries, quote, depositRateSeries);
    }

    internal sealed record Price : AssetDefinition
    {
        public Price(string name, string priceSeries)
            : base(name) => PriceSeries = priceSeries;

        public string PriceSeries { get; }

        public override IReadOnlyList<string> Series => [PriceSeries];

        public override string ToString() => $"{Name}=price({PriceSeries})";
    }

    internal sealed record ForeignCurrency : AssetDefinition
    {
        public ForeignCurrency(string name, string exchangeRateSeries, ExchangeRateQuote quote, string? depositRateSeries)
            : base(name) => (ExchangeRateSeries, Quote, DepositRateSeries) = (exchangeRateSeries, quote, depositRateSeries);

        public string ExchangeRateSeries { get; }

        public ExchangeRateQuote Quote { get; }

        public string? DepositRateSeries { get; }

        public override IReadOnlyList<string> Series => DepositRateSeries is null ? [ExchangeRateSeries] : [ExchangeRateSeries, DepositRateSeries];

        public override string ToString() => $"{Name}=currency({ExchangeRateSeries},{Quote}{(DepositRateSeries is null ? string.Empty : "," + DepositRateSeries)})";
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

        /// <summary>
        /// Total return over a holding period of <paramref name="years"/> of a par bond priced at <paramref name="startYield"/>,
        /// repriced at <paramref name="endYield"/> (decimals) with its maturity shortened by the period, plus the coupon accrued.
        /// </summary>
        public double PeriodReturn(double startYield, double endYield, double years)
        {
            double remaining = MaturityYears - years;
            double price = endYield == 0
                ? 1 + (startYield * remaining)
                : ((startYield / endYield) * (1 - Math.Pow(1 + (endYield / 2), -2 * remaining))) + Math.Pow(1 + (endYield / 2), -2 * remaining);
            return price - 1 + (startYield * years);
        }

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
